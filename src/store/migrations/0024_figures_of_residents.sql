-- The people figures count residents (usual and floating) by their plain
-- names and the away (人户分离) apart (progress/figures.h, kAwaySuffix), so
-- coverage is over the resident population as its definition says. The
-- states are emptied here so the server rebuilds them and every figure
-- when it next starts (RebuildIfMissing, vaccination_state_rebuild.h).
DELETE FROM vaccination_state;
