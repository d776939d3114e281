-- hazards: data-loss
alter table "public"."products" drop column "sku";
-- hazards: data-loss
alter table "public"."products" drop column "stock";
