create table "public"."titles" (
    "id" bigint not null,
    "asin" text not null collate "C",
    "asin_upper" text generated always as (upper(asin)) stored
);
CREATE UNIQUE INDEX titles_pkey ON public.titles USING btree (id);
alter table "public"."titles" add constraint "titles_pkey" PRIMARY KEY using index "titles_pkey";
