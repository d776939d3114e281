-- Collections with an enum visibility.
CREATE TYPE visibility AS ENUM ('public', 'private');

CREATE TABLE collections (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id),
    name text NOT NULL,
    shown visibility NOT NULL DEFAULT 'private'
);
