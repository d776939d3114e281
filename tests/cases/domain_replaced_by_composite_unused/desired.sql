CREATE TYPE price AS (amount numeric(10, 2), currency char(3));
