-- hazards: index-dropped
alter table "public"."audit_log" drop constraint "audit_log_pkey";
drop index if exists "public"."audit_log_pkey";
-- hazards: data-loss
drop table "public"."audit_log";
