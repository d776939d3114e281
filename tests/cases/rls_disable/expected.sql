-- hazards: authz-change
alter table "public"."notes" disable row level security;
