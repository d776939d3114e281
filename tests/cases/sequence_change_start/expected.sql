ALTER SEQUENCE public.invoice_number_seq START WITH 5000;
