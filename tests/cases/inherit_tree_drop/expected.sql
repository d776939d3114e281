-- hazards: data-loss
drop table "public"."grandkid";
-- hazards: data-loss
drop table "public"."kid";
-- hazards: data-loss
drop table "public"."base";
