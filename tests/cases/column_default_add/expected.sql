alter table "public"."accounts" alter column "balance_cents" set default 0;
