create table "public"."notes" (
    "id" bigint not null,
    "body" text not null
);
CREATE UNIQUE INDEX notes_pkey ON public.notes USING btree (id);
alter table "public"."notes" add constraint "notes_pkey" PRIMARY KEY using index "notes_pkey";
GRANT DELETE, INSERT, REFERENCES, SELECT, TRIGGER, TRUNCATE, UPDATE ON TABLE public.notes TO postgres WITH GRANT OPTION;
