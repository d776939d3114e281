CREATE TYPE mood AS ENUM ('calm', 'it''s', 'value with "quotes"', E'back\\slash', '$$', E'new\nline');

CREATE TABLE moods (
    id bigint PRIMARY KEY,
    mood mood NOT NULL DEFAULT 'it''s'
);
