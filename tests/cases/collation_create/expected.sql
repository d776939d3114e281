create collation if not exists "public"."app_c" (provider = 'libc', locale = 'C');
