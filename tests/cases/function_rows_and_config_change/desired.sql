CREATE FUNCTION upto(n integer) RETURNS SETOF integer LANGUAGE sql STABLE ROWS 100 COST 30
    AS $$ SELECT generate_series(1, n) $$;
CREATE PROCEDURE tidy() LANGUAGE sql SET search_path = public AS $$ SELECT 1 $$;
