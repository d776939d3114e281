create table "public"."users" (
    "id" bigint generated always as identity not null,
    "email" text not null,
    "created_at" timestamp with time zone not null default now()
);
CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email);
CREATE UNIQUE INDEX users_pkey ON public.users USING btree (id);
alter table "public"."users" add constraint "users_pkey" PRIMARY KEY using index "users_pkey";
alter table "public"."users" add constraint "users_email_key" UNIQUE using index "users_email_key";
