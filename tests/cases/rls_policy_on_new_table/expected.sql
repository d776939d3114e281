create table "public"."notes" (
    "id" bigint not null,
    "owner_name" text not null default CURRENT_USER,
    "title" text not null,
    "body" text
);
alter table "public"."notes" enable row level security;
CREATE INDEX notes_owner_idx ON public.notes USING btree (owner_name);
CREATE UNIQUE INDEX notes_pkey ON public.notes USING btree (id);
alter table "public"."notes" add constraint "notes_pkey" PRIMARY KEY using index "notes_pkey";
alter table "public"."notes" add constraint "notes_title_check" CHECK ((title <> ''::text)) not valid;
alter table "public"."notes" validate constraint "notes_title_check";
create policy "notes_owner"
on "public"."notes"
as permissive
for all
to public
using ((owner_name = CURRENT_USER));
ALTER TABLE public.notes FORCE ROW LEVEL SECURITY;
