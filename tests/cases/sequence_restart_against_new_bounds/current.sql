CREATE SEQUENCE invoice_numbers;
SELECT setval('invoice_numbers', 42);
