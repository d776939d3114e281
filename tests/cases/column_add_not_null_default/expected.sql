alter table "public"."products" add column "active" boolean not null default true;
