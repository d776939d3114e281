CREATE TYPE price_range AS RANGE (subtype = numeric);
