ALTER TABLE public.listens DROP CONSTRAINT listens_narrator_id_fkey;
-- hazards: table-rewrite, blocking-lock
alter table "public"."listens" alter column "narrator_id" set data type text using "narrator_id"::text;
-- hazards: table-rewrite, blocking-lock
alter table "public"."narrators" alter column "id" set data type text using "id"::text;
ALTER TABLE public.listens ADD CONSTRAINT listens_narrator_id_fkey FOREIGN KEY (narrator_id) REFERENCES public.narrators(id) NOT VALID;
-- hazards: blocking-lock
ALTER TABLE public.listens VALIDATE CONSTRAINT listens_narrator_id_fkey;
