DROP AGGREGATE public.total(integer);
CREATE AGGREGATE public.total(integer) (SFUNC = public.add_int, STYPE = integer, COMBINEFUNC = public.add_int, INITCOND = '0', PARALLEL = SAFE);
