CREATE DOMAIN visibility AS text CHECK (VALUE IN ('public', 'private'));

CREATE TABLE collections (
    id bigint PRIMARY KEY,
    shown visibility NOT NULL
);
