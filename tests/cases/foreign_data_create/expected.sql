CREATE FOREIGN DATA WRAPPER files OPTIONS (debug 'true');
CREATE SERVER feeds TYPE 'csv' VERSION '2' FOREIGN DATA WRAPPER files OPTIONS (root '/srv/feeds', encoding 'UTF8');
CREATE USER MAPPING FOR case_reader SERVER feeds OPTIONS (password '***');
CREATE USER MAPPING FOR PUBLIC SERVER feeds OPTIONS ("user" 'feeder', password '***');
CREATE FOREIGN TABLE public.ratings (book_id bigint OPTIONS (column_name 'id') NOT NULL, stars integer DEFAULT 3, note text COLLATE pg_catalog."C", CONSTRAINT ratings_stars_check CHECK (((stars >= 1) AND (stars <= 5)))) SERVER feeds OPTIONS (filename 'ratings.csv', header 'true');
create or replace view "public"."good_ratings" as  SELECT book_id
   FROM ratings
  WHERE (stars > 3);
GRANT SELECT ON TABLE public.ratings TO case_reader;
GRANT USAGE ON FOREIGN SERVER feeds TO case_reader;
COMMENT ON COLUMN public.ratings.stars IS 'one to five';
COMMENT ON FOREIGN DATA WRAPPER files IS 'file feeds';
COMMENT ON SERVER feeds IS 'nightly feeds';
COMMENT ON FOREIGN TABLE public.ratings IS 'ratings feed';
