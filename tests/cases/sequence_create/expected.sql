CREATE SEQUENCE public.invoice_number_seq AS bigint START WITH 1000;
