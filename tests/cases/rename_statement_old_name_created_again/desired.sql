CREATE TABLE titles (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    subtitle text
);
ALTER TABLE titles RENAME COLUMN name TO title;
ALTER TABLE titles ADD COLUMN name text;
ALTER TABLE titles RENAME COLUMN subtitle TO tagline;
