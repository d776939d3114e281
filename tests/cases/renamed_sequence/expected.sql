-- hazards: rename
ALTER SEQUENCE public.invoice_seq RENAME TO invoice_number_seq;
