CREATE SEQUENCE ticket_number_seq;
