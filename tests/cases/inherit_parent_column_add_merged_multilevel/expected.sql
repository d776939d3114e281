alter table "public"."grandkid" add column "z" integer not null default 7;
ALTER TABLE public.kid ADD COLUMN z integer DEFAULT 5;
alter table "public"."base" add column "z" integer not null default 3;
