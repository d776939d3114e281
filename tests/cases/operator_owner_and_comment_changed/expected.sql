ALTER OPERATOR public.===(text,text) OWNER TO case_writer;
COMMENT ON OPERATOR public.===(text,text) IS 'equal, ignoring case';
