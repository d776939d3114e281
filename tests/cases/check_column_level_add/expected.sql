alter table "public"."bookings" add column "status" text not null default 'held'::text;
alter table "public"."bookings" add constraint "bookings_status_check" CHECK ((status = ANY (ARRAY['held'::text, 'confirmed'::text, 'cancelled'::text]))) not valid;
-- hazards: blocking-lock
alter table "public"."bookings" validate constraint "bookings_status_check";
