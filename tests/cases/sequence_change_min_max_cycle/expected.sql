ALTER SEQUENCE public.ticket_number_seq MAXVALUE 9999 CYCLE;
