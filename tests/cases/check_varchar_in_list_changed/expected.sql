alter table "public"."item" drop constraint "item_status_known";
alter table "public"."item" add constraint "item_status_known" CHECK (status IN ('new', 'sold', 'lost')) not valid;
-- hazards: blocking-lock
alter table "public"."item" validate constraint "item_status_known";
