create table "public"."tags" (
    "id" bigint not null,
    "slug" text not null collate "C",
    "label" text not null
);
CREATE UNIQUE INDEX tags_pkey ON public.tags USING btree (id);
alter table "public"."tags" add constraint "tags_pkey" PRIMARY KEY using index "tags_pkey";
