-- A chain names the cases among its people (tracing_service.cpp: ChainOf).
CREATE INDEX cases_person ON cases(person_id);
