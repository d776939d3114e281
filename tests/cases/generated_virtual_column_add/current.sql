CREATE TABLE plays (id bigint PRIMARY KEY, seconds int NOT NULL);
