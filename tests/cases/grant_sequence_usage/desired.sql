CREATE SEQUENCE note_number_seq;

GRANT USAGE, SELECT ON SEQUENCE note_number_seq TO case_writer;
