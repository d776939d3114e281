CREATE SCHEMA text_rules;

CREATE COLLATION text_rules.bytewise (provider = libc, locale = 'C');

CREATE TABLE tags (
    id bigint PRIMARY KEY,
    slug text COLLATE text_rules.bytewise
);
