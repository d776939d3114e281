-- hazards: data-loss, table-rewrite, blocking-lock
alter table "public"."events" alter column "id" set data type integer using "id"::integer;
