DROP OPERATOR public.===(text,text);
CREATE OPERATOR public.=== (FUNCTION = public.same_ci, LEFTARG = text, RIGHTARG = text);
