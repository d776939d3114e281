CREATE TABLE listens (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL
);
ALTER TABLE listens RENAME COLUMN at TO listened_at;
ALTER TABLE listens RENAME COLUMN listened_at TO played_at;
ALTER TABLE listens RENAME TO plays;
