CREATE TABLE plays (id bigint PRIMARY KEY, seconds int NOT NULL);
CREATE TABLE plays2 (id bigint PRIMARY KEY, seconds int NOT NULL, minutes int GENERATED ALWAYS AS (seconds / 60));
