create collation if not exists "public"."app_c" (provider = 'libc', locale = 'C');
alter table "public"."tags" alter column "name" set data type text collate "app_c" using "name"::text;
