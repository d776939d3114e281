alter table "public"."c" drop constraint "c_fk";
-- hazards: data-loss
alter table "public"."c" drop column "a";
alter table "public"."c" add column "b" bigint;
alter table "public"."c" add constraint "c_fk" FOREIGN KEY (b) REFERENCES p(id) not valid;
-- hazards: blocking-lock
alter table "public"."c" validate constraint "c_fk";
