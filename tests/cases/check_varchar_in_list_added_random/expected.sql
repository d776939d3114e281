alter table "public"."t" add constraint "t_c0_in" CHECK (c0 IN ('a', 'b')) not valid;
-- hazards: blocking-lock
alter table "public"."t" validate constraint "t_c0_in";
