CREATE COLLATION public.case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE COLLATION public.und_icu (provider = icu, locale = 'und');
COMMENT ON COLLATION public.case_insensitive IS 'compares letters without case';
