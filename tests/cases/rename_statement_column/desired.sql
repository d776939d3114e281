CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    display_name text CHECK (char_length(display_name) <= 80),
    email text NOT NULL
);

ALTER TABLE accounts RENAME COLUMN display_name TO nickname;
