CREATE COLLATION und_icu (provider = icu, locale = 'und');
CREATE COLLATION case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
COMMENT ON COLLATION case_insensitive IS 'compares letters without case';
