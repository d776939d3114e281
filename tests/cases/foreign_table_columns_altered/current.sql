CREATE FOREIGN DATA WRAPPER files;
CREATE SERVER feeds FOREIGN DATA WRAPPER files;
CREATE FOREIGN TABLE ratings (
    book_id integer NOT NULL,
    stars integer DEFAULT 3 CONSTRAINT ratings_stars CHECK (stars > 0),
    note text,
    old_flag boolean
) SERVER feeds;
COMMENT ON COLUMN ratings.note IS 'free text';
