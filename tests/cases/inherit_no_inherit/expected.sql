alter table "public"."trucks" no inherit "public"."vehicles";
alter table "public"."trucks" add column "id" bigint not null;
alter table "public"."trucks" add column "name" text not null;
