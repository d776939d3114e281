alter table "public"."t" add column "meta" jsonb not null default '{}'::jsonb;
alter table "public"."t" add column "created" timestamp with time zone not null default now();
-- hazards: table-rewrite, blocking-lock
alter table "public"."t" add column "u" uuid default gen_random_uuid();
alter table "public"."t" add column "Zed" integer;
alter table "public"."t" add column "a_first" integer;
