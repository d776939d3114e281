-- hazards: table-rewrite, blocking-lock
alter table "public"."events" alter column "occurred_at" set data type timestamp with time zone using "occurred_at"::timestamp with time zone;
