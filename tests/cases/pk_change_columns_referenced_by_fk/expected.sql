alter table "public"."shelves" drop constraint "shelves_library_fkey";
-- hazards: index-dropped
alter table "public"."libraries" drop constraint "libraries_pkey";
drop index if exists "public"."libraries_pkey";
-- hazards: blocking-lock
CREATE UNIQUE INDEX libraries_pkey ON public.libraries USING btree (tenant_id, id);
alter table "public"."libraries" add constraint "libraries_pkey" PRIMARY KEY using index "libraries_pkey";
alter table "public"."shelves" add constraint "shelves_library_fkey" FOREIGN KEY (tenant_id, library_id) REFERENCES libraries(tenant_id, id) not valid;
-- hazards: blocking-lock
alter table "public"."shelves" validate constraint "shelves_library_fkey";
