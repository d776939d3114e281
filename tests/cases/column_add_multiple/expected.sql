alter table "public"."products" add column "weight_grams" integer;
alter table "public"."products" add column "updated_at" timestamp with time zone not null default now();
