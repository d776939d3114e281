ALTER DOMAIN public.visibility RENAME TO visibility__replaced_to_be_dropped;
create type "public"."visibility" as enum ('public', 'private');
-- hazards: data-loss, table-rewrite, blocking-lock
ALTER TABLE public.collections ALTER COLUMN shown SET DATA TYPE public.visibility USING shown::text::public.visibility;
-- hazards: data-loss
DROP DOMAIN public.visibility__replaced_to_be_dropped;
