CREATE TABLE reading (minutes integer NOT NULL);
