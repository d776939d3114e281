create table "public"."bookmarks" (
    "id" bigint generated always as identity not null,
    "account_id" bigint not null,
    "position_ms" integer not null
);
CREATE UNIQUE INDEX bookmarks_pkey ON public.bookmarks USING btree (id);
alter table "public"."bookmarks" add constraint "bookmarks_pkey" PRIMARY KEY using index "bookmarks_pkey";
alter table "public"."bookmarks" add constraint "bookmarks_account_id_fkey" FOREIGN KEY (account_id) REFERENCES accounts(id) not valid;
alter table "public"."bookmarks" validate constraint "bookmarks_account_id_fkey";
ALTER TABLE public.bookmarks OWNER TO case_writer;
