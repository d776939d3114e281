CREATE SCHEMA stats;

CREATE TABLE stats.daily (
    day date PRIMARY KEY,
    visits integer NOT NULL
);
