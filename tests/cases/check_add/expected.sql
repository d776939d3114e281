alter table "public"."bookings" add constraint "bookings_guests_check" CHECK ((guests > 0)) not valid;
-- hazards: blocking-lock
alter table "public"."bookings" validate constraint "bookings_guests_check";
