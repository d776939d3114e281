ALTER TABLE public.t ALTER COLUMN c DROP DEFAULT;
drop function if exists "public"."gen"();
set check_function_bodies = off;
-- hazards: untracked-dependency
CREATE OR REPLACE FUNCTION public.gen(n integer DEFAULT 1)
 RETURNS text
 LANGUAGE sql
AS $function$SELECT repeat('a', n)$function$
;
ALTER TABLE public.t ALTER COLUMN c SET DEFAULT public.gen();
