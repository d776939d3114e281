alter table "app"."accounts" add column "created_at" timestamp with time zone not null default now();
create or replace view "app"."pro_accounts" as  SELECT accounts.id,
    accounts.name,
    accounts.created_at
   FROM app.accounts
  WHERE (accounts.plan = 'pro'::app.plan);
