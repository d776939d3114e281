CREATE TABLE titles (
    id bigint PRIMARY KEY,
    name varchar(200) NOT NULL
);

CREATE MATERIALIZED VIEW title_names AS SELECT id, name FROM titles;

CREATE VIEW short_title_names AS SELECT id, name FROM title_names WHERE length(name) < 20;
