CREATE SCHEMA analytics;

CREATE TABLE analytics.daily (
    day date PRIMARY KEY,
    visits integer NOT NULL
);
