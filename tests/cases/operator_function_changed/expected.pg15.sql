drop view if exists "public"."same_alias";
DROP OPERATOR public.===(text,text);
CREATE OPERATOR public.=== (FUNCTION = public.same_ci_strict, LEFTARG = text, RIGHTARG = text);
create view "public"."same_alias" as SELECT author.name
   FROM public.author
  WHERE (author.name OPERATOR(public.===) author.alias);
ALTER OPERATOR public.===(text,text) OWNER TO case_writer;
COMMENT ON OPERATOR public.===(text,text) IS 'equal, ignoring case';
