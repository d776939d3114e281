CREATE TYPE public.span AS RANGE (SUBTYPE = integer, SUBTYPE_OPCLASS = pg_catalog.int4_ops, MULTIRANGE_TYPE_NAME = public.span_multirange);
CREATE CAST (json AS bytea) WITHOUT FUNCTION AS ASSIGNMENT;
DROP CAST (public.mood AS text);
CREATE CAST (public.mood AS text) WITH INOUT AS ASSIGNMENT;
CREATE CAST (text AS public.level) WITH INOUT;
