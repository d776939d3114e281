CREATE OPERATOR public.!== (FUNCTION = public.differs_ci, LEFTARG = text, RIGHTARG = text, NEGATOR = OPERATOR(public.===));
DROP OPERATOR public.===(text,text);
CREATE OPERATOR public.=== (FUNCTION = public.same_ci, LEFTARG = text, RIGHTARG = text, NEGATOR = OPERATOR(public.!==));
