CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    email text NOT NULL
);

CREATE TABLE notes (
    id bigint PRIMARY KEY,
    body text NOT NULL
);

GRANT ALL ON notes TO CURRENT_USER WITH GRANT OPTION;
