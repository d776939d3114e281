CREATE SCHEMA reporting;

GRANT USAGE ON SCHEMA reporting TO case_writer;
