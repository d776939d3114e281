-- hazards: index-dropped
alter table "public"."titles" drop constraint "titles_pkey";
drop index if exists "public"."titles_pkey";
-- hazards: blocking-lock
CREATE UNIQUE INDEX titles_id_key ON public.titles USING btree (id);
-- hazards: blocking-lock
CREATE UNIQUE INDEX titles_pkey ON public.titles USING btree (asin);
alter table "public"."titles" add constraint "titles_pkey" PRIMARY KEY using index "titles_pkey";
alter table "public"."titles" add constraint "titles_id_key" UNIQUE using index "titles_id_key";
