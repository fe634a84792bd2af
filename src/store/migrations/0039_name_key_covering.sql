-- Record linkage reads a name key's people from the index alone (their
-- phone and birth date decide which rows it then reads), so the index
-- carries both: a common name no longer costs a table read per person.
DROP INDEX persons_name_key;
CREATE INDEX persons_name_key ON persons(name_key, phone, birth_date);
