create schema if not exists "app";
create type "app"."plan" as enum ('free', 'pro');
create table "app"."accounts" (
    "id" bigint not null,
    "name" text not null,
    "plan" app.plan not null default 'free'::app.plan
);
CREATE UNIQUE INDEX accounts_pkey ON app.accounts USING btree (id);
alter table "app"."accounts" add constraint "accounts_pkey" PRIMARY KEY using index "accounts_pkey";
set check_function_bodies = off;
CREATE OR REPLACE FUNCTION app.account_label(a app.accounts)
 RETURNS text
 LANGUAGE sql
 STABLE
AS $function$ SELECT a.name || ' (' || a.plan || ')' $function$
;
create or replace view "app"."pro_accounts" as  SELECT accounts.id,
    accounts.name
   FROM app.accounts
  WHERE (accounts.plan = 'pro'::app.plan);
