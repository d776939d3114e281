CREATE SCHEMA reporting;

GRANT USAGE, CREATE ON SCHEMA reporting TO case_writer;
