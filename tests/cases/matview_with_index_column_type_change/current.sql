CREATE TABLE titles (
    id bigint PRIMARY KEY,
    name varchar(100) NOT NULL,
    length_s integer NOT NULL
);

CREATE MATERIALIZED VIEW title_lengths AS SELECT id, name, length_s FROM titles;
CREATE UNIQUE INDEX title_lengths_id_idx ON title_lengths (id);
CREATE INDEX title_lengths_name_idx ON title_lengths (name);
