alter table "public"."bookings" add constraint "bookings_guests_check" CHECK ((guests > 0)) NOT VALID not valid;
