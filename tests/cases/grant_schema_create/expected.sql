-- hazards: authz-change
GRANT CREATE ON SCHEMA reporting TO case_writer;
