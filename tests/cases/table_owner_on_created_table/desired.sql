CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    email text NOT NULL
);

CREATE TABLE bookmarks (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id),
    position_ms integer NOT NULL
);

ALTER TABLE bookmarks OWNER TO case_writer;
