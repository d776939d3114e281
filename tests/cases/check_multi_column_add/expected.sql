alter table "public"."bookings" add constraint "bookings_dates_check" CHECK ((ends_on > starts_on)) not valid;
-- hazards: blocking-lock
alter table "public"."bookings" validate constraint "bookings_dates_check";
