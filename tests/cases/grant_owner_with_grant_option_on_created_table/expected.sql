create table "public"."notes" (
    "id" bigint not null,
    "body" text not null
);
CREATE UNIQUE INDEX notes_pkey ON public.notes USING btree (id);
alter table "public"."notes" add constraint "notes_pkey" PRIMARY KEY using index "notes_pkey";
ALTER TABLE public.notes OWNER TO case_writer;
GRANT SELECT ON TABLE public.notes TO case_writer WITH GRANT OPTION;
GRANT SELECT ON TABLE public.notes TO case_reader;
