// What several repositories share: how values are kept in columns, the rows
// they read, and the stock ledger they write.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "progress/figures.h"
#include "registry/person.h"
#include "store/db.h"
#include "vaccination/dose.h"
#include "vaccination/stock.h"
#include "vaccination/visit.h"

namespace fangkong::store {

// Tags are stored as ",a,b," (sorted) so "has all of these" is one LIKE pattern.
std::string JoinTags(const std::vector<std::string>& tags);
std::vector<std::string> SplitTags(const std::string& stored);
std::string TagsPattern(const std::vector<std::string>& wanted);  // "%,a,%,b,%"
// "王%" with LIKE wildcards in the input escaped by '\'.
std::string PrefixPattern(const std::string& prefix);

// Dose ids as a state lists them: "12,345" (VaccinationState::dose_ids).
std::string JoinIds(const std::vector<int64_t>& ids);
std::vector<int64_t> SplitIds(std::string_view stored);

// The doses of these people by person, day and id (DoseRepository::DosesOf):
// the ids their states list and those kept apart, then the doses, in one
// read. Two statements, not one with the lists joined in: a first dose's
// person has no ids, and the joined statement cost more than the index it
// replaced (bench/RESULTS.md, session 30).
Result<std::vector<DoseRecord>> DosesOfPeople(db::Database& db,
                                              const std::vector<int64_t>& person_ids);

// A person from the columns of FK_PERSON_COLUMNS (registry_sql.h).
Person ReadPerson(const db::Row& r);
// A dose from the columns of FK_DOSE_COLUMNS, a visit from FK_VISIT_COLUMNS (vaccination_sql.h).
DoseRecord ReadDose(const db::Row& r);
Visit ReadVisit(const db::Row& r);

// Whether the subtree holds more than a third of everyone, from the
// maintained counts: a read that must visit every person (or state) of such
// a subtree reads the table in its own order, where visiting the subtree's
// rows one by one through an index costs more (bench/RESULTS.md: 0.55 us a
// row in place order against 0.2 us a row of the table, SQLite); a smaller
// subtree is read through the index.
Result<bool> HoldsMostPeople(db::Connection& c, const std::string& region);

// Figures as of days, each asked in its order, read in the caller's
// transaction (FigureRepository::AsOfEach).
Result<std::vector<int64_t>> FiguresAsOf(db::Connection& c, const std::vector<FigureAsOf>& asked);

// Appends stock lines inside a write and keeps each site's balance per lot;
// a Conflict "insufficient_stock" naming the lot if a balance would go below
// zero (the write then undoes every line). The vaccination repository moves
// stock; the cold chain's writes off the doses of a discarded hold.
Status WriteStockLines(db::Connection& c, const std::vector<StockLine>& lines);

}  // namespace fangkong::store
