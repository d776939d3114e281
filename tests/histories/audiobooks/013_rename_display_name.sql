-- A column rename.
ALTER TABLE accounts RENAME COLUMN display_name TO nickname;
