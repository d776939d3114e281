CREATE TABLE chapters (
    id bigint PRIMARY KEY,
    length_s integer CONSTRAINT chapters_length_check CHECK (length_s > 0)
);
