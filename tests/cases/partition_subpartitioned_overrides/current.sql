CREATE TABLE m (id int, at date, device text DEFAULT 'unknown', note text) PARTITION BY RANGE (at);
