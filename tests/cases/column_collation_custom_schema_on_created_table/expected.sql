create schema if not exists "text_rules";
create collation if not exists "text_rules"."bytewise" (provider = 'libc', locale = 'C');
create table "public"."tags" (
    "id" bigint not null,
    "slug" text not null collate "text_rules"."bytewise"
);
CREATE UNIQUE INDEX tags_pkey ON public.tags USING btree (id);
alter table "public"."tags" add constraint "tags_pkey" PRIMARY KEY using index "tags_pkey";
