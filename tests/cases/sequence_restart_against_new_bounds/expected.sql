-- hazards: data-loss
ALTER SEQUENCE public.invoice_numbers MINVALUE 1000 START WITH 1000 RESTART;
