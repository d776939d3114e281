-- hazards: authz-change
alter table "public"."notes" enable row level security;
