INSERT INTO customer (email) VALUES ('a@example.com'), ('b@example.com');
INSERT INTO orders VALUES (10, 1), (11, 2), (12, 1);
