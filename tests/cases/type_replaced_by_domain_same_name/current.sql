CREATE TYPE visibility AS ENUM ('public', 'private');

CREATE TABLE collections (
    id bigint PRIMARY KEY,
    shown visibility NOT NULL
);
