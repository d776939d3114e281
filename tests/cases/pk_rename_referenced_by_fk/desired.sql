CREATE TABLE countries (
    code char(2) CONSTRAINT countries_pk PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE addresses (
    id bigint PRIMARY KEY,
    country_code char(2) NOT NULL REFERENCES countries (code),
    line1 text NOT NULL
);
