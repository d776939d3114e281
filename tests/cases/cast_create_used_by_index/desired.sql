CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE FUNCTION mood_label(mood) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$ SELECT upper($1::text) $$;
CREATE CAST (mood AS text) WITH FUNCTION mood_label(mood);
CREATE TABLE entry (feeling mood NOT NULL);
CREATE INDEX entry_label ON entry ((feeling::text));
