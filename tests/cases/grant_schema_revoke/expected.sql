-- hazards: authz-change
REVOKE USAGE ON SCHEMA reporting FROM case_reader;
