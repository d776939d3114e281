CREATE TYPE mood AS ENUM ('calm', 'tense');
CREATE TABLE scenes (
    id bigint PRIMARY KEY,
    intense boolean NOT NULL DEFAULT false,
    label text GENERATED ALWAYS AS (CASE WHEN intense THEN 'loud' ELSE 'quiet' END) STORED
);
