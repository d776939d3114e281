GRANT SELECT, UPDATE, USAGE ON SEQUENCE public.events_id_seq TO postgres WITH GRANT OPTION;
GRANT SELECT, USAGE ON SEQUENCE public.events_id_seq TO case_reader;
