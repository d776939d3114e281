-- hazards: data-loss
alter table "public"."products" drop column "name";
alter table "public"."products" add column "title" text not null;
