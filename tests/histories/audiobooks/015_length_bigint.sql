-- A column type change under a materialized view with indexes (class 10).
DROP MATERIALIZED VIEW title_stats;

ALTER TABLE titles ALTER COLUMN length_s TYPE bigint;

CREATE MATERIALIZED VIEW title_stats AS
SELECT t.id, t.name, t.length_s
FROM titles t;

CREATE UNIQUE INDEX title_stats_id_idx ON title_stats (id);
CREATE INDEX title_stats_name_idx ON title_stats (name);
