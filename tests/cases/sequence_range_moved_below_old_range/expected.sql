-- hazards: data-loss
ALTER SEQUENCE public.invoice_numbers MINVALUE 1 MAXVALUE 1000 START WITH 1 RESTART;
