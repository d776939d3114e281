CREATE TYPE verification AS ENUM ('false', 'true', 'unknown');

CREATE TABLE titles (
    id bigint PRIMARY KEY,
    verified verification NOT NULL DEFAULT 'unknown'
);
