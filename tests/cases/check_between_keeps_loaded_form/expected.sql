alter table "public"."seats" add constraint "seats_valid" CHECK ((((seat_row >= 1) AND (seat_row <= 80))::boolean AND (label = btrim(label)))) not valid;
-- hazards: blocking-lock
alter table "public"."seats" validate constraint "seats_valid";
