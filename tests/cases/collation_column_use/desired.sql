CREATE COLLATION app_c (provider = libc, locale = 'C');

CREATE TABLE tags (
    id bigint PRIMARY KEY,
    name text COLLATE app_c NOT NULL
);
