create table "public"."credit_notes" (
    "id" bigint generated always as identity not null,
    "amount_cents" integer not null
);
CREATE UNIQUE INDEX credit_notes_pkey ON public.credit_notes USING btree (id);
alter table "public"."credit_notes" add constraint "credit_notes_pkey" PRIMARY KEY using index "credit_notes_pkey";
ALTER TABLE public.credit_notes ALTER COLUMN id SET INCREMENT BY -5 SET MINVALUE -1000 SET MAXVALUE -1 SET START WITH -1 RESTART;
