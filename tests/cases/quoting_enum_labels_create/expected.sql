create type "public"."mood" as enum ('it''s', 'value with "quotes"', E'back\\slash', '$$', 'new
line');
create table "public"."moods" (
    "id" bigint not null,
    "mood" mood not null default 'it''s'::mood
);
CREATE UNIQUE INDEX moods_pkey ON public.moods USING btree (id);
alter table "public"."moods" add constraint "moods_pkey" PRIMARY KEY using index "moods_pkey";
