-- hazards: table-rewrite, blocking-lock
alter table "public"."events" alter column "id" set data type bigint using "id"::bigint;
