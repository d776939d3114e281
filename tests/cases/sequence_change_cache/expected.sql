ALTER SEQUENCE public.invoice_number_seq CACHE 20;
