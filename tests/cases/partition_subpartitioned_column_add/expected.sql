alter table "public"."m" add column "v" text not null default 'x'::text;
