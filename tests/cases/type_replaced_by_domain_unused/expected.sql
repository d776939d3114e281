-- hazards: data-loss
DROP TYPE public.visibility;
CREATE DOMAIN public.visibility AS text CONSTRAINT visibility_check CHECK ((VALUE = ANY (ARRAY['public'::text, 'private'::text, 'unlisted'::text])));
