alter table "public"."bookmarks" add column "note" text;
