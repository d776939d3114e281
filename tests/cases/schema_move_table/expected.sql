-- hazards: index-dropped
alter table "public"."settings" drop constraint "settings_pkey";
drop index if exists "public"."settings_pkey";
-- hazards: data-loss
drop table "public"."settings";
create table "app"."settings" (
    "key" text not null,
    "value" text not null
);
CREATE UNIQUE INDEX settings_pkey ON app.settings USING btree (key);
alter table "app"."settings" add constraint "settings_pkey" PRIMARY KEY using index "settings_pkey";
