CREATE TABLE t (id int);
GRANT UPDATE ON t TO case_writer;
GRANT INSERT ON t TO case_reader;
