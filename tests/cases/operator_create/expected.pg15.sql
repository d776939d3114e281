set check_function_bodies = off;
CREATE OR REPLACE FUNCTION public.shout(text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT upper($1) || '!' $function$
;
CREATE OPERATOR public.!! (FUNCTION = public.shout, RIGHTARG = text);
CREATE OR REPLACE FUNCTION public.differs_ci(text, text)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT lower($1) <> lower($2) $function$
;
CREATE OPERATOR public.!== (FUNCTION = public.differs_ci, LEFTARG = text, RIGHTARG = text, COMMUTATOR = OPERATOR(public.!==), NEGATOR = OPERATOR(public.===), RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OR REPLACE FUNCTION public.same_ci(text, text)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT lower($1) = lower($2) $function$
;
CREATE OPERATOR public.=== (FUNCTION = public.same_ci, LEFTARG = text, RIGHTARG = text, COMMUTATOR = OPERATOR(public.===), NEGATOR = OPERATOR(public.!==), RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
-- hazards: blocking-lock
CREATE INDEX author_alias_differs ON public.author USING btree (((name !== alias)));
create or replace view "public"."same_alias" as  SELECT author.name,
    (!! author.name) AS loud
   FROM author
  WHERE (author.name === author.alias);
CREATE OR REPLACE FUNCTION public.same_ci_strict(text, text)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE STRICT
AS $function$ SELECT lower($1) = lower($2) $function$
;
ALTER OPERATOR public.!!(NONE,text) OWNER TO case_writer;
COMMENT ON OPERATOR public.===(text,text) IS 'equal, ignoring case';
