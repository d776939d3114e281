CREATE SEQUENCE note_number_seq;
