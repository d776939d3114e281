CREATE TABLE plays (id bigint PRIMARY KEY, seconds int NOT NULL, minutes int GENERATED ALWAYS AS (seconds / 61) VIRTUAL);
