alter table "public"."bookings" drop constraint "bookings_guests_check";
alter table "public"."bookings" add constraint "bookings_guests_check" CHECK (((guests >= 1) AND (guests <= 12))) not valid;
-- hazards: blocking-lock
alter table "public"."bookings" validate constraint "bookings_guests_check";
