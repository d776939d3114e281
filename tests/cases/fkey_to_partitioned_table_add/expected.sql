alter table "public"."c" add constraint "c_id_at_fkey" FOREIGN KEY (id, at) REFERENCES p(id, at) not valid;
-- hazards: blocking-lock
alter table "public"."c" validate constraint "c_id_at_fkey";
