alter table "public"."plays" add column "minutes" integer generated always as ((seconds / 60)) virtual;
