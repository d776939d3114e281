CREATE COLLATION public.bytes_posix (provider = libc, lc_collate = 'C', lc_ctype = 'POSIX');
