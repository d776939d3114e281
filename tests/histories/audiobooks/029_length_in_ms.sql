-- Lengths in milliseconds: the CHECK keeps its name on the replacing column (class 4).
DROP MATERIALIZED VIEW title_stats;

ALTER TABLE titles DROP COLUMN length_s;
ALTER TABLE titles ADD COLUMN length_ms bigint CONSTRAINT titles_length_check CHECK (length_ms > 0);

CREATE MATERIALIZED VIEW title_stats AS
SELECT t.id, t.name, t.length_ms
FROM titles t;

CREATE UNIQUE INDEX title_stats_id_idx ON title_stats (id);
CREATE INDEX title_stats_name_idx ON title_stats (name);
