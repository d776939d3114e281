CREATE TABLE listens (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seconds integer NOT NULL
);
