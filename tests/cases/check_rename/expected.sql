alter table "public"."bookings" drop constraint "bookings_guests_check";
alter table "public"."bookings" add constraint "guests_positive" CHECK ((guests > 0)) not valid;
alter table "public"."bookings" validate constraint "guests_positive";
