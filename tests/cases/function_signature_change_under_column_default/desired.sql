CREATE FUNCTION gen(n int DEFAULT 1) RETURNS text LANGUAGE sql AS 'SELECT repeat(''a'', n)'; CREATE TABLE t (c text DEFAULT gen());
