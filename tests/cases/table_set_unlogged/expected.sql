-- hazards: table-rewrite, blocking-lock
alter table "public"."events" set unlogged;
