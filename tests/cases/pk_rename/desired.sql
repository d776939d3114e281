CREATE TABLE countries (
    code char(2) CONSTRAINT countries_pk PRIMARY KEY,
    name text NOT NULL
);
