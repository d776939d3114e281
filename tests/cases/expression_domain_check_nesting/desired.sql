CREATE DOMAIN rating AS integer CHECK (VALUE BETWEEN 1 AND 5 AND VALUE <> 3) DEFAULT (1 >= 0 AND 1 <= 2 AND true)::int;
CREATE TABLE review (id bigint PRIMARY KEY, stars rating);
