alter table "public"."users" alter column "id" set generated always;
