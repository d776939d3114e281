ALTER TABLE public.scenes DROP COLUMN label;
ALTER TABLE public.scenes ALTER COLUMN intense DROP DEFAULT;
-- hazards: data-loss, table-rewrite, blocking-lock
ALTER TABLE public.scenes ALTER COLUMN intense SET DATA TYPE public.mood USING intense::text::public.mood;
alter table "public"."scenes" alter column "intense" set default 'calm'::mood;
-- hazards: table-rewrite, blocking-lock
ALTER TABLE public.scenes ADD COLUMN label text GENERATED ALWAYS AS (
CASE
    WHEN (intense = 'tense'::public.mood) THEN 'loud'::text
    ELSE 'quiet'::text
END) STORED;
