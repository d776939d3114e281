CREATE SCHEMA reporting AUTHORIZATION case_writer;
