CREATE FOREIGN DATA WRAPPER files OPTIONS (debug 'true');
COMMENT ON FOREIGN DATA WRAPPER files IS 'file feeds';
CREATE SERVER feeds TYPE 'csv' VERSION '2' FOREIGN DATA WRAPPER files
    OPTIONS (root '/srv/feeds', encoding 'UTF8');
COMMENT ON SERVER feeds IS 'nightly feeds';
GRANT USAGE ON FOREIGN SERVER feeds TO case_reader;
CREATE USER MAPPING FOR PUBLIC SERVER feeds OPTIONS (user 'feeder', password 's3cret!');
CREATE USER MAPPING FOR case_reader SERVER feeds OPTIONS (password 'it''s');

CREATE FOREIGN TABLE public.ratings (
    book_id bigint OPTIONS (column_name 'id') NOT NULL,
    stars integer DEFAULT 3 CONSTRAINT ratings_stars_check CHECK (stars BETWEEN 1 AND 5),
    note text COLLATE "C"
) SERVER feeds OPTIONS (filename 'ratings.csv', header 'true');
COMMENT ON FOREIGN TABLE public.ratings IS 'ratings feed';
COMMENT ON COLUMN public.ratings.stars IS 'one to five';
GRANT SELECT ON public.ratings TO case_reader;

CREATE VIEW public.good_ratings AS SELECT book_id FROM public.ratings WHERE stars > 3;
