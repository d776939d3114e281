create table "public"."events" (
    "id" bigint not null,
    "account_id" bigint not null,
    "kind" text not null
);
CREATE UNIQUE INDEX events_account_kind ON public.events USING btree (account_id, kind);
CREATE UNIQUE INDEX events_pkey ON public.events USING btree (id);
alter table "public"."events" add constraint "events_pkey" PRIMARY KEY using index "events_pkey";
ALTER TABLE public.events CLUSTER ON events_pkey;
