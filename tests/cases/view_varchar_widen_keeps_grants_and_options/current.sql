CREATE TABLE titles (
    id bigint PRIMARY KEY,
    name varchar(100) NOT NULL,
    hidden boolean NOT NULL DEFAULT false
);

CREATE VIEW visible_titles WITH (security_barrier = true) AS
SELECT id, name FROM titles WHERE NOT hidden;

GRANT SELECT ON visible_titles TO case_reader;
COMMENT ON VIEW visible_titles IS 'titles anyone may see';
