ALTER TYPE public.visibility RENAME TO visibility__replaced_to_be_dropped;
CREATE DOMAIN public.visibility AS text CONSTRAINT visibility_check CHECK ((VALUE = ANY (ARRAY['public'::text, 'private'::text, 'unlisted'::text])));
-- hazards: data-loss, table-rewrite, blocking-lock
ALTER TABLE public.collections ALTER COLUMN shown SET DATA TYPE public.visibility USING shown::text::public.visibility;
-- hazards: data-loss
DROP TYPE public.visibility__replaced_to_be_dropped;
