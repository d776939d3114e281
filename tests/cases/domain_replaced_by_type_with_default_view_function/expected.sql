ALTER DOMAIN public.visibility RENAME TO visibility__replaced_to_be_dropped;
create type "public"."visibility" as enum ('public', 'private', 'unlisted');
drop function if exists "public"."is_shown"(v visibility__replaced_to_be_dropped);
drop view if exists "public"."public_collections";
ALTER TABLE public.collections ALTER COLUMN shared DROP DEFAULT;
-- hazards: data-loss, table-rewrite, blocking-lock
alter table "public"."collections" alter column "shared" set data type visibility[] using "shared"::visibility[];
alter table "public"."collections" alter column "shared" set default '{}'::visibility[];
ALTER TABLE public.collections ALTER COLUMN shown DROP DEFAULT;
-- hazards: data-loss, table-rewrite, blocking-lock
ALTER TABLE public.collections ALTER COLUMN shown SET DATA TYPE public.visibility USING shown::text::public.visibility;
alter table "public"."collections" alter column "shown" set default 'private'::visibility;
set check_function_bodies = off;
CREATE OR REPLACE FUNCTION public.is_shown(v visibility)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
RETURN (v = 'public'::visibility)
;
create or replace view "public"."public_collections" as  SELECT id,
    shown
   FROM collections
  WHERE (shown = 'public'::visibility);
-- hazards: data-loss
DROP DOMAIN public.visibility__replaced_to_be_dropped;
