drop view if exists "public"."same_alias";
DROP OPERATOR public.===(text,text);
CREATE OPERATOR public.=== (FUNCTION = public.same_ci_strict, LEFTARG = text, RIGHTARG = text);
create view "public"."same_alias" as SELECT name
   FROM public.author
  WHERE (name OPERATOR(public.===) alias);
ALTER OPERATOR public.===(text,text) OWNER TO case_writer;
COMMENT ON OPERATOR public.===(text,text) IS 'equal, ignoring case';
