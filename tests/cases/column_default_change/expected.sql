alter table "public"."products" alter column "stock" set default 10;
