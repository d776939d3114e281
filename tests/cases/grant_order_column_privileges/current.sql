CREATE TABLE notes (id bigint PRIMARY KEY, title text NOT NULL, body text);
GRANT UPDATE (title) ON notes TO case_reader;
