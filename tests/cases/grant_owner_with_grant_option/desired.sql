CREATE TABLE notes (
    id bigint PRIMARY KEY,
    body text NOT NULL
);

ALTER TABLE notes OWNER TO case_writer;
GRANT SELECT ON notes TO case_writer WITH GRANT OPTION;
