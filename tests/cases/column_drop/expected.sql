-- hazards: data-loss
alter table "public"."products" drop column "stock";
