#!/usr/bin/env python3
"""Identity-number test vectors from an implementation independent of
src/core/id_number.cpp (written from GB 11643-1999 and ISO 7064 MOD 11-2,
without reading the C++). Writes id_numbers.csv beside this file.

Valid vectors: a worked example printed in GB 11643-1999 itself, and
numbers built here for every province, both sexes, leap days and X check
characters. Each invalid vector starts from a valid number and breaks exactly
one rule, named in the `rule` column; where the check character can still be
computed, it is recomputed so that only the named rule fails.

    python3 tests/vectors/make_id_vectors.py
"""
import csv
import datetime
import os

WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]  # 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
CHECK = "10X98765432"
PROVINCES = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36",
             "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
             "63", "64", "65", "71", "81", "82"]  # GB/T 2260 province-level codes


def check_char(first17):
    return CHECK[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def number(region, birth, seq):
    first17 = region + birth + "%03d" % seq
    return first17 + check_char(first17)


def main():
    rows = []

    def valid(n, note):
        birth = n[6:14]
        sex = "M" if int(n[16]) % 2 else "F"
        rows.append([n, "valid", "", "%s-%s-%s" % (birth[:4], birth[4:6], birth[6:]), sex, note])

    def invalid(n, rule, note):
        rows.append([n, "invalid", rule, "", "", note])

    # GB 11643-1999's own examples (appendix): not people, published test numbers.
    valid("11010519491231002X", "GB 11643-1999 example, check character X")
    for i, p in enumerate(PROVINCES):
        valid(number(p + "0102", "19%02d0%d1%d" % (50 + i, 1 + i % 9, i % 10), 100 + i), "province " + p)
    valid(number("341881", "20000229", 123), "leap day 2000")
    valid(number("341881", "19960229", 124), "leap day 1996")
    seq = 0
    while check_char("341881" + "19800101" + "%03d" % seq) != "X":
        seq += 1
    valid(number("341881", "19800101", seq), "check character X")

    base = number("341881", "19800101", 5)
    invalid(base[:-1], "length", "17 characters")
    invalid(base + "1", "length", "19 characters")
    invalid(base[:9] + "A" + base[10:], "digits", "a letter among the first 17")
    invalid(base[:17] + "Y", "last_character", "Y as the check character")
    for prov in ("00", "19", "99"):
        invalid(number(prov + "1881", "19800101", 5), "province", "province code " + prov)
    for birth in ("19800230", "19801301", "19810229", "19800100"):
        invalid(number("341881", birth, 5), "birth_date", "no such day " + birth)
    invalid(number("341881", "20990101", 5), "future_birth", "born in 2099")
    invalid(number("341881", "18891231", 5), "before_1890", "born in 1889")
    # The standard's other example is well formed, but Fangkong refuses births
    # before 1890 as implausible for a living person: its one broken rule.
    invalid("440524188001010014", "before_1890", "GB 11643-1999 example, born 1880")
    wrong = next(c for c in CHECK if c != base[-1])
    invalid(base[:17] + wrong, "check_character", "check character %s instead of %s" % (wrong, base[-1]))

    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "id_numbers.csv")
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["number", "valid", "rule", "birth_date", "sex", "note"])
        w.writerows(rows)
    print("wrote %d vectors to %s" % (len(rows), out))


if __name__ == "__main__":
    main()
