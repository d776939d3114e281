alter table "public"."bookings" drop constraint "bookings_guests_check";
