alter table "public"."tickets" alter column "opened_at" set default now();
