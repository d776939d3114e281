-- hazards: data-loss
alter table "public"."audit_events" drop column "seq";
