CREATE TYPE mood AS ENUM ('calm', 'tense');
CREATE TABLE scenes (
    id bigint PRIMARY KEY,
    intense mood NOT NULL DEFAULT 'calm',
    label text GENERATED ALWAYS AS (CASE WHEN intense = 'tense' THEN 'loud' ELSE 'quiet' END) STORED
);
