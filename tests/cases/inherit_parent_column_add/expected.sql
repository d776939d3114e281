alter table "public"."base" add column "z" integer not null default 3;
