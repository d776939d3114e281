CREATE TABLE shares (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    target text NOT NULL
);

INSERT INTO shares (target) VALUES ('book/1'), ('book/2');
