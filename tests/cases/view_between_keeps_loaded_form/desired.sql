CREATE TABLE readings (id integer PRIMARY KEY, level integer, note text);
CREATE VIEW normal_readings AS
    SELECT id, level FROM readings WHERE level BETWEEN 10 AND 20 AND note IS NULL;
