alter table "public"."d" drop constraint "d_p";
alter table "public"."c" drop constraint "c_id_at_fkey";
create table "public"."p2" partition of "public"."p" FOR VALUES FROM ('2030-01-01') TO ('2040-01-01');
alter table "public"."c" add constraint "c_id_at_fkey" FOREIGN KEY (id, at) REFERENCES p(id, at) ON DELETE CASCADE not valid;
-- hazards: blocking-lock
alter table "public"."c" validate constraint "c_id_at_fkey";
