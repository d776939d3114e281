ALTER TABLE public.chapters DROP CONSTRAINT chapters_title_id_fkey;
-- hazards: index-dropped
alter table "public"."titles" drop constraint "titles_pkey";
-- hazards: blocking-lock
CREATE UNIQUE INDEX titles_id_key ON public.titles USING btree (id);
alter table "public"."titles" add constraint "titles_id_key" UNIQUE using index "titles_id_key";
ALTER TABLE public.chapters ADD CONSTRAINT chapters_title_id_fkey FOREIGN KEY (title_id) REFERENCES public.titles(id) NOT VALID;
-- hazards: blocking-lock
ALTER TABLE public.chapters VALIDATE CONSTRAINT chapters_title_id_fkey;
drop index if exists "public"."titles_pkey";
-- hazards: blocking-lock
CREATE UNIQUE INDEX titles_pkey ON public.titles USING btree (asin);
alter table "public"."titles" add constraint "titles_pkey" PRIMARY KEY using index "titles_pkey";
