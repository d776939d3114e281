alter table "public"."base" drop constraint "old_check";
alter table "public"."base" add constraint "base_only" CHECK ((id > 0)) NO INHERIT not valid;
-- hazards: blocking-lock
alter table "public"."base" validate constraint "base_only";
alter table "public"."base" add constraint "n_positive" CHECK ((n > 0)) not valid;
-- hazards: blocking-lock
alter table "public"."base" validate constraint "n_positive";
alter table "public"."kid" add constraint "kid_x" CHECK ((x <> 0)) not valid;
-- hazards: blocking-lock
alter table "public"."kid" validate constraint "kid_x";
