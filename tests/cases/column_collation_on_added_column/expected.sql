alter table "public"."tags" add column "slug" text collate "C";
