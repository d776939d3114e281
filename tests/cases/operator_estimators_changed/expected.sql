ALTER OPERATOR public.===(text,text) SET (RESTRICT = neqsel, JOIN = NONE);
