-- hazards: data-loss, table-rewrite, blocking-lock
alter table "public"."events" alter column "payload" set data type jsonb using "payload"::jsonb;
