ALTER SEQUENCE public.invoices_id_seq RENAME TO invoice_numbers;
REVOKE USAGE ON SEQUENCE public.invoice_numbers FROM case_reader;
