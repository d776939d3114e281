CREATE TABLE author (name text NOT NULL, alias text);
