CREATE TABLE books (
    id bigint PRIMARY KEY,
    title varchar(100) NOT NULL,
    price integer
);
CREATE PUBLICATION catalog_changes FOR TABLE books (id, title, price) WHERE (price > 0);
