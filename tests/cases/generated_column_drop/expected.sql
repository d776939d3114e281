-- hazards: data-loss
alter table "public"."order_lines" drop column "total_cents";
