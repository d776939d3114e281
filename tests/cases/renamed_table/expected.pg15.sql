-- hazards: rename
ALTER TABLE public.customer RENAME TO customers;
-- hazards: rename
ALTER TABLE public.customers RENAME CONSTRAINT customer_email_key TO customers_email_key;
-- hazards: rename
ALTER TABLE public.customers RENAME CONSTRAINT customer_pkey TO customers_pkey;
ALTER SEQUENCE public.customer_id_seq RENAME TO customers_id_seq;
