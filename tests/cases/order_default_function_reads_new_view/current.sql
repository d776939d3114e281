CREATE TABLE tiers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    rank integer NOT NULL
);

CREATE TABLE subscribers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL
);

INSERT INTO tiers (name, rank) VALUES ('basic', 1), ('premium', 2);
INSERT INTO subscribers (email) VALUES ('a@example.com'), ('b@example.com');
