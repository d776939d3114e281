CREATE TABLE books (
    id bigint PRIMARY KEY,
    title varchar(200) NOT NULL,
    price bigint
);
CREATE PUBLICATION catalog_changes FOR TABLE books (id, title, price) WHERE (price > 0);
