CREATE TYPE mood AS ENUM ('calm');

CREATE TABLE moods (
    id bigint PRIMARY KEY,
    mood mood NOT NULL DEFAULT 'calm'
);
