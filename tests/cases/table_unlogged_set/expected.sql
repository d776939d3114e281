-- hazards: table-rewrite, blocking-lock
alter table "public"."sessions" set unlogged;
