alter table "app"."accounts" add column "created_at" timestamp with time zone not null default now();
create or replace view "app"."pro_accounts" as  SELECT id,
    name,
    created_at
   FROM app.accounts
  WHERE (plan = 'pro'::app.plan);
