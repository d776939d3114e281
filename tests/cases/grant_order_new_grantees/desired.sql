CREATE TABLE notes (id bigint PRIMARY KEY, title text NOT NULL, body text);
CREATE FUNCTION note_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM notes $$;

-- granted out of name order: the ACL holds case_writer first, and pg_dump prints it so
GRANT SELECT, INSERT, UPDATE ON notes TO case_writer;
GRANT SELECT ON notes TO case_reader;
GRANT SELECT ON notes TO PUBLIC;
REVOKE EXECUTE ON FUNCTION note_count() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION note_count() TO case_writer;
GRANT EXECUTE ON FUNCTION note_count() TO case_reader;
