CREATE TABLE p (
    id bigint PRIMARY KEY
);

CREATE TABLE c (
    id bigint PRIMARY KEY,
    b bigint CONSTRAINT c_fk REFERENCES p
);
