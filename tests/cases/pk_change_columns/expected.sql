-- hazards: index-dropped
alter table "public"."documents" drop constraint "documents_pkey";
drop index if exists "public"."documents_pkey";
-- hazards: blocking-lock
CREATE UNIQUE INDEX documents_pkey ON public.documents USING btree (tenant_id, id);
alter table "public"."documents" add constraint "documents_pkey" PRIMARY KEY using index "documents_pkey";
