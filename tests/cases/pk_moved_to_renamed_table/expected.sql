alter table "public"."listen_marks" drop constraint "listen_marks_listen_fkey";
-- hazards: index-dropped
alter table "public"."listens" drop constraint "listens_pkey";
drop index if exists "public"."listens_pkey";
-- hazards: data-loss
drop table "public"."listens";
create table "public"."plays" (
    "id" bigint not null,
    "title_id" bigint not null
);
CREATE UNIQUE INDEX listens_pkey ON public.plays USING btree (id);
alter table "public"."plays" add constraint "listens_pkey" PRIMARY KEY using index "listens_pkey";
alter table "public"."listen_marks" add constraint "listen_marks_listen_fkey" FOREIGN KEY (listen_id) REFERENCES plays(id) not valid;
-- hazards: blocking-lock
alter table "public"."listen_marks" validate constraint "listen_marks_listen_fkey";
