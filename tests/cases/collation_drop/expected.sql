DROP COLLATION public.app_c;
