CREATE TABLE invoices (
    id bigint PRIMARY KEY,
    external_ref text
);
INSERT INTO invoices VALUES (1, '1001'), (2, ' 1002 '), (3, ''), (4, NULL);
