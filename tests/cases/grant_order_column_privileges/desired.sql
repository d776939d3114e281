CREATE TABLE notes (id bigint PRIMARY KEY, title text NOT NULL, body text);
GRANT UPDATE (body) ON notes TO case_writer;
GRANT SELECT (body), UPDATE (body) ON notes TO case_reader;
GRANT UPDATE (title) ON notes TO case_writer;
GRANT UPDATE (title) ON notes TO case_reader;
