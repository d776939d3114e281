CREATE FUNCTION upto(n integer) RETURNS SETOF integer LANGUAGE sql STABLE ROWS 10 COST 20
    SET work_mem = '8MB' AS $$ SELECT generate_series(1, n) $$;
CREATE PROCEDURE tidy() LANGUAGE sql AS $$ SELECT 1 $$;
