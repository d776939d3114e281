CREATE TABLE titles (
    id bigint PRIMARY KEY,
    name varchar(100) NOT NULL,
    length_s integer NOT NULL
);

INSERT INTO titles VALUES (1, 'Dune', 3600), (2, 'Emma', 1800);

CREATE MATERIALIZED VIEW long_titles AS SELECT id, name FROM titles WHERE length_s > 2000;
CREATE UNIQUE INDEX long_titles_id_idx ON long_titles (id);
CREATE INDEX long_titles_name_idx ON long_titles (name);

GRANT SELECT ON long_titles TO case_reader;
COMMENT ON MATERIALIZED VIEW long_titles IS 'titles over 2000 seconds';
COMMENT ON INDEX long_titles_name_idx IS 'lookup by name';
