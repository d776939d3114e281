alter table "public"."products" add column "currency" character(3) not null;
