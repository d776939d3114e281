CREATE FUNCTION add_int(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT $1 + $2 $$;
CREATE FUNCTION sub_int(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$ SELECT $1 - $2 $$;
