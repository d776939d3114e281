CREATE SEQUENCE invoice_number_seq AS integer START WITH 1000;
