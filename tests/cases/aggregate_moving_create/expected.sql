CREATE AGGREGATE public.running_total(integer) (SFUNC = public.add_int, STYPE = integer, COMBINEFUNC = public.add_int, INITCOND = '0', MSFUNC = public.add_int, MINVFUNC = public.sub_int, MSTYPE = integer, MINITCOND = '0', PARALLEL = SAFE);
COMMENT ON AGGREGATE public.running_total(integer) IS 'a window-friendly sum';
