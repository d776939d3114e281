CREATE COLLATION app_c (provider = libc, locale = 'C');
