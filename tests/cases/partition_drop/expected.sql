-- hazards: data-loss
drop table "public"."measurements_2024";
