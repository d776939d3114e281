CREATE DOMAIN price AS numeric(10, 2) CHECK (VALUE >= 0);
