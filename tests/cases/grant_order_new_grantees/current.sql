CREATE TABLE notes (id bigint PRIMARY KEY, title text NOT NULL, body text);
CREATE FUNCTION note_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM notes $$;
