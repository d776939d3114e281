create table "public"."marketplaces" (
    "code" text not null collate "C",
    "name" text not null
);
CREATE UNIQUE INDEX marketplaces_pkey ON public.marketplaces USING btree (code);
alter table "public"."marketplaces" add constraint "marketplaces_pkey" PRIMARY KEY using index "marketplaces_pkey";
