ALTER DOMAIN public.visibility RENAME TO visibility__replaced_to_be_dropped;
create type "public"."visibility" as enum ('public', 'private');
-- hazards: data-loss, table-rewrite, blocking-lock
alter table "public"."collections" alter column "shown" set data type visibility using "shown"::visibility;
-- hazards: data-loss
DROP DOMAIN public.visibility__replaced_to_be_dropped;
