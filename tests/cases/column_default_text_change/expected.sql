alter table "public"."tickets" alter column "status" set default 'pending'::text;
