drop view if exists "public"."good_ratings";
DROP FOREIGN TABLE public.ratings;
CREATE FOREIGN TABLE public.ratings (book_id bigint, stars integer) SERVER new_feeds;
create view "public"."good_ratings" as SELECT ratings.book_id
   FROM public.ratings
  WHERE (ratings.stars > 3);
ALTER FOREIGN TABLE public.ratings OWNER TO case_writer;
GRANT SELECT ON TABLE public.ratings TO case_reader;
GRANT SELECT ON TABLE public.good_ratings TO case_reader;
COMMENT ON COLUMN public.ratings.stars IS 'stars';
COMMENT ON FOREIGN TABLE public.ratings IS 'ratings';
