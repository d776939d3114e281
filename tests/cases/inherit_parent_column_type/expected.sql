-- hazards: table-rewrite, blocking-lock
alter table "public"."base" alter column "id" set data type bigint using "id"::bigint;
alter table "public"."base" alter column "n" set data type text using "n"::text;
