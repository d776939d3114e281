alter table "public"."base" drop constraint "n_small";
alter table "public"."kid" drop constraint "n_small";
alter table "public"."kid" add constraint "n_positive" CHECK ((n > 0)) not valid;
-- hazards: blocking-lock
alter table "public"."kid" validate constraint "n_positive";
alter table "public"."base" add constraint "n_positive" CHECK ((n > 0)) not valid;
-- hazards: blocking-lock
alter table "public"."base" validate constraint "n_positive";
