create table "public"."notes" (
    "id" bigint not null,
    "owner_name" text not null default CURRENT_USER,
    "title" text not null,
    "body" text
);
CREATE INDEX notes_owner_idx ON public.notes USING btree (owner_name);
CREATE UNIQUE INDEX notes_pkey ON public.notes USING btree (id);
alter table "public"."notes" add constraint "notes_pkey" PRIMARY KEY using index "notes_pkey";
alter table "public"."notes" add constraint "notes_title_check" CHECK ((title <> ''::text)) not valid;
alter table "public"."notes" validate constraint "notes_title_check";
GRANT SELECT ON TABLE public.notes TO case_reader;
GRANT INSERT, SELECT, UPDATE ON TABLE public.notes TO case_writer;
