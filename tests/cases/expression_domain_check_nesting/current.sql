CREATE DOMAIN rating AS integer CHECK (VALUE BETWEEN 1 AND 5 AND VALUE <> 3) DEFAULT (1 BETWEEN 0 AND 2 AND true)::int;
CREATE TABLE review (id bigint PRIMARY KEY, stars rating);
