alter table "public"."grandkid" add column "z" integer not null default 7;
alter table "public"."kid" add column "z" integer not null default 5;
alter table "public"."base" add column "z" integer not null default 3;
