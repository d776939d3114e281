-- hazards: index-dropped
drop index if exists "public"."author_alias_same";
DROP OPERATOR public.===(text,text);
CREATE OPERATOR public.=== (FUNCTION = public.same_ci_strict, LEFTARG = text, RIGHTARG = text);
-- hazards: blocking-lock
CREATE INDEX author_alias_same ON public.author USING btree (((name OPERATOR(public.===) alias)));
