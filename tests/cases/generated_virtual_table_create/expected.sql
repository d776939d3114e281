create table "public"."plays" (
    "id" bigint not null,
    "seconds" integer not null
);
create table "public"."plays2" (
    "id" bigint not null,
    "seconds" integer not null,
    "minutes" integer generated always as ((seconds / 60)) virtual
);
CREATE UNIQUE INDEX plays2_pkey ON public.plays2 USING btree (id);
CREATE UNIQUE INDEX plays_pkey ON public.plays USING btree (id);
alter table "public"."plays" add constraint "plays_pkey" PRIMARY KEY using index "plays_pkey";
alter table "public"."plays2" add constraint "plays2_pkey" PRIMARY KEY using index "plays2_pkey";
