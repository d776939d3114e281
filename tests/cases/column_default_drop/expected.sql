alter table "public"."products" alter column "stock" drop default;
