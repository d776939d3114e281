CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TYPE level AS ENUM ('low', 'high');
CREATE FUNCTION mood_label(mood) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT upper($1::text) $$;
CREATE CAST (mood AS text) WITH INOUT AS ASSIGNMENT;
CREATE CAST (text AS level) WITH INOUT;
CREATE TYPE span AS RANGE (subtype = integer);
CREATE CAST (json AS bytea) WITHOUT FUNCTION AS ASSIGNMENT;
