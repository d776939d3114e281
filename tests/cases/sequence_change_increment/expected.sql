ALTER SEQUENCE public.invoice_number_seq INCREMENT BY 10;
