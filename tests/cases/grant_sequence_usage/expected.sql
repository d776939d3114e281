-- hazards: authz-change
GRANT SELECT, USAGE ON SEQUENCE public.note_number_seq TO case_writer;
