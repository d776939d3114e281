ALTER FOREIGN TABLE public.ratings DROP CONSTRAINT ratings_stars;
ALTER FOREIGN TABLE public.ratings DROP COLUMN old_flag;
ALTER FOREIGN TABLE public.ratings ALTER COLUMN book_id TYPE bigint;
ALTER FOREIGN TABLE public.ratings ALTER COLUMN book_id DROP NOT NULL;
ALTER FOREIGN TABLE public.ratings ALTER COLUMN stars DROP DEFAULT;
ALTER FOREIGN TABLE public.ratings ALTER COLUMN note SET DEFAULT ''::text;
ALTER FOREIGN TABLE public.ratings ALTER COLUMN note SET NOT NULL;
ALTER FOREIGN TABLE public.ratings ADD COLUMN rated_at timestamp with time zone OPTIONS (column_name 'ts');
ALTER FOREIGN TABLE public.ratings ADD CONSTRAINT ratings_stars CHECK (((stars >= 1) AND (stars <= 5)));
