alter table "public"."tags" add column "slug" text collate "text_rules"."bytewise";
