ALTER TABLE public.narrations DROP CONSTRAINT narrations_narrator_id_fkey;
-- hazards: index-dropped
alter table "public"."narrators" drop constraint "narrators_id_key";
-- hazards: blocking-lock
CREATE UNIQUE INDEX narrators_pkey ON public.narrators USING btree (id);
alter table "public"."narrators" add constraint "narrators_pkey" PRIMARY KEY using index "narrators_pkey";
ALTER TABLE public.narrations ADD CONSTRAINT narrations_narrator_id_fkey FOREIGN KEY (narrator_id) REFERENCES public.narrators(id) NOT VALID;
-- hazards: blocking-lock
ALTER TABLE public.narrations VALIDATE CONSTRAINT narrations_narrator_id_fkey;
drop index if exists "public"."narrators_id_key";
