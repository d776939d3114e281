alter table "public"."t" alter column "id" drop default;
-- hazards: data-loss
drop sequence if exists "public"."t_id_seq";
