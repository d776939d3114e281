alter table "public"."bookings" add constraint "bookings_room_fkey" FOREIGN KEY (room_id, PERIOD valid) REFERENCES rooms(id, PERIOD valid) not valid;
-- hazards: blocking-lock
alter table "public"."bookings" validate constraint "bookings_room_fkey";
