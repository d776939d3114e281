CREATE SCHEMA legacy;

CREATE TABLE legacy.imports (
    id bigint PRIMARY KEY,
    payload text
);

CREATE VIEW legacy.recent_imports AS SELECT id FROM legacy.imports;
