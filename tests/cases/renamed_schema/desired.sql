-- schematool: renamed from shop
CREATE SCHEMA store;
CREATE TABLE store.items (
    id bigint PRIMARY KEY,
    label text NOT NULL
);
CREATE VIEW store.labels AS SELECT label FROM store.items;
