-- hazards: data-loss
drop type "public"."order_status";
