-- hazards: index-dropped
alter table "public"."narrators" drop constraint "narrators_id_key";
drop index if exists "public"."narrators_id_key";
-- hazards: blocking-lock
CREATE UNIQUE INDEX narrators_pkey ON public.narrators USING btree (id);
alter table "public"."narrators" add constraint "narrators_pkey" PRIMARY KEY using index "narrators_pkey";
