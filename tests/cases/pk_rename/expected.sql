alter table "public"."countries" drop constraint "countries_pkey";
-- hazards: index-dropped
drop index if exists "public"."countries_pkey";
-- hazards: blocking-lock
CREATE UNIQUE INDEX countries_pk ON public.countries USING btree (code);
alter table "public"."countries" add constraint "countries_pk" PRIMARY KEY using index "countries_pk";
