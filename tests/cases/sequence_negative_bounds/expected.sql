-- hazards: data-loss
ALTER SEQUENCE public.credit_note_numbers INCREMENT BY -5 MINVALUE -1000 MAXVALUE -1 START WITH -1 RESTART;
