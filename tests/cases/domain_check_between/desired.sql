CREATE DOMAIN percent AS integer
    CONSTRAINT percent_range CHECK (VALUE BETWEEN 0 AND 100 AND VALUE <> 50 OR VALUE IS NULL);
CREATE TABLE scores (id integer PRIMARY KEY, score percent);
