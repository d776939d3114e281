ALTER TABLE public.shelves DROP CONSTRAINT shelves_library_fkey;
-- hazards: table-rewrite, blocking-lock
alter table "public"."libraries" alter column "id" set data type text using "id"::text;
-- hazards: table-rewrite, blocking-lock
alter table "public"."libraries" alter column "tenant_id" set data type bigint using "tenant_id"::bigint;
-- hazards: table-rewrite, blocking-lock
alter table "public"."shelves" alter column "library_id" set data type text using "library_id"::text;
-- hazards: table-rewrite, blocking-lock
alter table "public"."shelves" alter column "tenant_id" set data type bigint using "tenant_id"::bigint;
ALTER TABLE public.shelves ADD CONSTRAINT shelves_library_fkey FOREIGN KEY (tenant_id, library_id) REFERENCES public.libraries(tenant_id, id) ON DELETE CASCADE NOT VALID;
-- hazards: blocking-lock
ALTER TABLE public.shelves VALIDATE CONSTRAINT shelves_library_fkey;
