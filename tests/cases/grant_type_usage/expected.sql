-- hazards: authz-change
REVOKE USAGE ON TYPE public.note_kind FROM PUBLIC;
-- hazards: authz-change
GRANT USAGE ON TYPE public.note_kind TO case_reader;
