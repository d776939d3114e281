-- hazards: authz-change
GRANT USAGE ON SCHEMA reporting TO case_reader;
