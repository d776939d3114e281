alter table "public"."bookings" drop constraint "bookings_room_fkey";
