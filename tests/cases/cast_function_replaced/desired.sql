CREATE TYPE duration AS (hours integer, minutes integer);
CREATE FUNCTION to_duration(total_minutes integer) RETURNS duration LANGUAGE sql IMMUTABLE
    AS $$ SELECT ROW(total_minutes / 60, total_minutes % 60)::duration $$;
CREATE CAST (integer AS duration) WITH FUNCTION to_duration(integer) AS ASSIGNMENT;
COMMENT ON CAST (integer AS duration) IS 'minutes';
