CREATE TABLE p (
    id bigint PRIMARY KEY
);

CREATE TABLE c (
    id bigint PRIMARY KEY,
    a bigint CONSTRAINT c_fk REFERENCES p
);
