CREATE TABLE countries (
    code char(2) CONSTRAINT countries_pkey PRIMARY KEY,
    name text NOT NULL
);
