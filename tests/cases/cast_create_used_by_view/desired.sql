CREATE TYPE duration AS (hours integer, minutes integer);
CREATE FUNCTION to_duration(integer) RETURNS duration LANGUAGE sql IMMUTABLE
    AS $$ SELECT ROW($1 / 60, $1 % 60)::duration $$;
CREATE CAST (integer AS duration) WITH FUNCTION to_duration(integer) AS ASSIGNMENT;
COMMENT ON CAST (integer AS duration) IS 'minutes as hours and minutes';
CREATE TABLE reading (minutes integer NOT NULL);
CREATE VIEW reading_duration AS SELECT minutes::duration AS spent FROM reading;
