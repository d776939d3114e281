CREATE TABLE accounts (
    id bigint PRIMARY KEY
);

CREATE TYPE mood AS ENUM ('it''s', 'value with "quotes"', E'back\\slash', '$$', E'new\nline');

CREATE TABLE moods (
    id bigint PRIMARY KEY,
    mood mood NOT NULL DEFAULT 'it''s'
);
