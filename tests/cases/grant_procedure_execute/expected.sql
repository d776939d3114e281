-- hazards: authz-change
REVOKE EXECUTE ON PROCEDURE public.purge_notes() FROM PUBLIC;
-- hazards: authz-change
GRANT EXECUTE ON PROCEDURE public.purge_notes() TO case_writer;
