create table "public"."item" (
    "id" bigint not null,
    "status" character varying(20) not null,
    "local" boolean default (current_setting('app.region', true)::varchar IN ('eu', 'us')),
    "open" boolean generated always as ((status IN ('new', 'held'))) stored
);
alter table "public"."item" enable row level security;
CREATE INDEX item_open_idx ON public.item USING btree (id) WHERE status IN ('new', 'held');
CREATE UNIQUE INDEX item_pkey ON public.item USING btree (id);
alter table "public"."item" add constraint "item_pkey" PRIMARY KEY using index "item_pkey";
alter table "public"."item" add constraint "item_status_check" CHECK (status IN ('new', 'held')) not valid;
alter table "public"."item" validate constraint "item_status_check";
create policy "item_open"
on "public"."item"
as permissive
for all
to public
using ((status IN ('new', 'held')));
