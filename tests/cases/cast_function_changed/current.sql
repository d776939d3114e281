CREATE TYPE duration AS (hours integer, minutes integer);
CREATE FUNCTION to_duration(integer) RETURNS duration LANGUAGE sql IMMUTABLE
    AS $$ SELECT ROW($1 / 60, $1 % 60)::duration $$;
CREATE FUNCTION to_duration_rounded(integer) RETURNS duration LANGUAGE sql IMMUTABLE
    AS $$ SELECT ROW(round($1 / 60.0)::integer, 0)::duration $$;
CREATE CAST (integer AS duration) WITH FUNCTION to_duration(integer) AS ASSIGNMENT;
