CREATE TABLE orders (
    id bigint PRIMARY KEY,
    quantity text
);
INSERT INTO orders VALUES (1, ' 3 '), (2, ''), (3, NULL), (4, '12');
