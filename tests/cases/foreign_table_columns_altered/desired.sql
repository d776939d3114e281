CREATE FOREIGN DATA WRAPPER files;
CREATE SERVER feeds FOREIGN DATA WRAPPER files;
CREATE FOREIGN TABLE ratings (
    book_id bigint,
    stars integer CONSTRAINT ratings_stars CHECK (stars BETWEEN 1 AND 5),
    note text NOT NULL DEFAULT '',
    rated_at timestamptz OPTIONS (column_name 'ts')
) SERVER feeds;
COMMENT ON COLUMN ratings.note IS 'free text';
