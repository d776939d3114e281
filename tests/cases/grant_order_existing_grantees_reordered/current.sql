CREATE TABLE notes (id bigint PRIMARY KEY, title text NOT NULL, body text);
GRANT SELECT ON notes TO case_reader;
GRANT SELECT, INSERT ON notes TO case_writer;
