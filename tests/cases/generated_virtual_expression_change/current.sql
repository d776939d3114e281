CREATE TABLE plays (id bigint PRIMARY KEY, seconds int NOT NULL, minutes int GENERATED ALWAYS AS (seconds / 60) VIRTUAL);
