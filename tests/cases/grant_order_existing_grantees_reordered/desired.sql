CREATE TABLE notes (id bigint PRIMARY KEY, title text NOT NULL, body text);
-- the same grantees, held in the other order: case_reader's entry must move behind
GRANT SELECT, INSERT, UPDATE ON notes TO case_writer;
GRANT SELECT ON notes TO case_reader;
