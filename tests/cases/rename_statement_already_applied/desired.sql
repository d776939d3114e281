CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    display_name text
);
ALTER TABLE accounts RENAME COLUMN display_name TO nickname;
ALTER TABLE accounts ADD COLUMN email text;
ALTER TABLE accounts RENAME COLUMN email TO contact_email;
