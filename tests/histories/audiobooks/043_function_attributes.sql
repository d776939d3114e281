-- Function attributes (class 1): PARALLEL, COST, SECURITY DEFINER, SET search_path.
ALTER FUNCTION length_label(bigint) PARALLEL SAFE COST 5;

CREATE FUNCTION account_count() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$ SELECT count(*) FROM accounts $$;

REVOKE EXECUTE ON FUNCTION account_count() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION account_count() TO audiobooks_app;
