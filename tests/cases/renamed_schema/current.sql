CREATE SCHEMA shop;
CREATE TABLE shop.items (
    id bigint PRIMARY KEY,
    label text NOT NULL
);
CREATE VIEW shop.labels AS SELECT label FROM shop.items;
