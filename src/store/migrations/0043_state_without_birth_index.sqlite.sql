-- The state's index by birth date served one count: the vaccinated among the
-- people outside the first-dose ages, who are few. They are now found from
-- the people of those ages (persons_birth), each probed by the state's
-- primary key (mobilisation_sql.h), so a dose writes one index less. The
-- county's unvaccinated list: SQLite 36 -> 39 ms; PostgreSQL, which had
-- scanned the whole state table for that count, 566 -> 137 ms on a loaded
-- machine (bench/RESULTS.md).
DROP INDEX vaccination_state_birth;
