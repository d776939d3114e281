create type "public"."verification" as enum ('false', 'true', 'unknown');
alter table "public"."titles" alter column "verified" set default 'unknown'::verification;
-- hazards: data-loss, table-rewrite, blocking-lock
alter table "public"."titles" alter column "verified" set data type verification using "verified"::verification;
