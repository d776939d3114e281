create table "public"."listeners" (
    "id" bigint not null,
    "email" text
);
CREATE UNIQUE INDEX listeners_pkey ON public.listeners USING btree (id);
alter table "public"."listeners" add constraint "listeners_pkey" PRIMARY KEY using index "listeners_pkey";
ALTER TABLE public.listeners ADD CONSTRAINT listeners_email_nn NOT NULL email NOT VALID;
