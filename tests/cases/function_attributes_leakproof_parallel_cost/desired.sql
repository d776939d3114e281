CREATE FUNCTION same_length(a text, b text) RETURNS boolean LANGUAGE sql IMMUTABLE
    LEAKPROOF PARALLEL SAFE COST 5 SET search_path = pg_catalog
    AS $$ SELECT length(a) = length(b) $$;
