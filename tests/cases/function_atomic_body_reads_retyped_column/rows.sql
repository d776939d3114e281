INSERT INTO orders VALUES (1, 10), (2, 32);
