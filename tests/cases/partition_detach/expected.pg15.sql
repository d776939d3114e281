alter table "public"."measurements" detach partition "public"."measurements_2024";
