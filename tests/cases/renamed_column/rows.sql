INSERT INTO products VALUES (1, 'A-1', 'Kettle', 19.90), (2, 'B-2', 'Teapot', 24.50);
