ALTER TABLE public.series DROP CONSTRAINT series_parent_fkey;
ALTER TABLE public.series_follows DROP CONSTRAINT series_follows_series_fkey;
ALTER TABLE public.series_titles DROP CONSTRAINT series_titles_series_id_fkey;
-- hazards: index-dropped
alter table "public"."series" drop constraint "series_pkey";
-- hazards: blocking-lock
CREATE UNIQUE INDEX series_id_key ON public.series USING btree (id);
alter table "public"."series" add constraint "series_id_key" UNIQUE using index "series_id_key";
ALTER TABLE public.series ADD CONSTRAINT series_parent_fkey FOREIGN KEY (parent_id) REFERENCES public.series(id) NOT VALID;
-- hazards: blocking-lock
ALTER TABLE public.series VALIDATE CONSTRAINT series_parent_fkey;
ALTER TABLE public.series_follows ADD CONSTRAINT series_follows_series_fkey FOREIGN KEY (series_id) REFERENCES public.series(id) ON DELETE CASCADE NOT VALID;
ALTER TABLE public.series_titles ADD CONSTRAINT series_titles_series_id_fkey FOREIGN KEY (series_id) REFERENCES public.series(id) NOT VALID;
-- hazards: blocking-lock
ALTER TABLE public.series_titles VALIDATE CONSTRAINT series_titles_series_id_fkey;
drop index if exists "public"."series_pkey";
-- hazards: blocking-lock
CREATE UNIQUE INDEX series_pkey ON public.series USING btree (slug);
alter table "public"."series" add constraint "series_pkey" PRIMARY KEY using index "series_pkey";
