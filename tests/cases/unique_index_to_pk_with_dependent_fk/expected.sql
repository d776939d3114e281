ALTER TABLE public.imprints DROP CONSTRAINT imprints_publisher_id_fkey;
-- hazards: index-dropped
drop index if exists "public"."publishers_id_idx";
-- hazards: blocking-lock
CREATE UNIQUE INDEX publishers_pkey ON public.publishers USING btree (id);
alter table "public"."publishers" add constraint "publishers_pkey" PRIMARY KEY using index "publishers_pkey";
ALTER TABLE public.imprints ADD CONSTRAINT imprints_publisher_id_fkey FOREIGN KEY (publisher_id) REFERENCES public.publishers(id) NOT VALID;
-- hazards: blocking-lock
ALTER TABLE public.imprints VALIDATE CONSTRAINT imprints_publisher_id_fkey;
