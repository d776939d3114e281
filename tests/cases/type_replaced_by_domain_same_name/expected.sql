ALTER TYPE public.visibility RENAME TO visibility__replaced_to_be_dropped;
CREATE DOMAIN public.visibility AS text CONSTRAINT visibility_check CHECK ((VALUE = ANY (ARRAY['public'::text, 'private'::text, 'unlisted'::text])));
-- hazards: data-loss, table-rewrite, blocking-lock
alter table "public"."collections" alter column "shown" set data type visibility using "shown"::visibility;
-- hazards: data-loss
DROP TYPE public.visibility__replaced_to_be_dropped;
