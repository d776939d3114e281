ALTER TYPE public.visibility RENAME TO visibility__replaced_to_be_dropped;
CREATE DOMAIN public.visibility AS text CONSTRAINT visibility_check CHECK ((VALUE = ANY (ARRAY['public'::text, 'private'::text, 'unlisted'::text])));
drop function if exists "public"."is_shown"(v visibility__replaced_to_be_dropped);
drop view if exists "public"."public_collections";
ALTER TABLE public.collections ALTER COLUMN shared DROP DEFAULT;
-- hazards: data-loss, table-rewrite, blocking-lock
alter table "public"."collections" alter column "shared" set data type visibility[] using "shared"::visibility[];
alter table "public"."collections" alter column "shared" set default '{}'::visibility[];
ALTER TABLE public.collections ALTER COLUMN shown DROP DEFAULT;
-- hazards: data-loss, table-rewrite, blocking-lock
ALTER TABLE public.collections ALTER COLUMN shown SET DATA TYPE public.visibility USING shown::text::public.visibility;
alter table "public"."collections" alter column "shown" set default 'private'::text;
set check_function_bodies = off;
CREATE OR REPLACE FUNCTION public.is_shown(v visibility)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
RETURN ((v)::text = 'public'::text)
;
create or replace view "public"."public_collections" as  SELECT collections.id,
    collections.shown
   FROM collections
  WHERE ((collections.shown)::text = 'public'::text);
-- hazards: data-loss
DROP TYPE public.visibility__replaced_to_be_dropped;
