CREATE FUNCTION add_int(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT $1 + $2 $$;
CREATE FUNCTION sub_int(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT $1 - $2 $$;
CREATE AGGREGATE running_total(integer) (
    SFUNC = add_int, STYPE = integer, INITCOND = '0', COMBINEFUNC = add_int, PARALLEL = SAFE,
    MSFUNC = add_int, MINVFUNC = sub_int, MSTYPE = integer, MINITCOND = '0'
);
COMMENT ON AGGREGATE running_total(integer) IS 'a window-friendly sum';
