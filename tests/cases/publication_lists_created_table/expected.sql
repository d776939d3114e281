create type "public"."mood" as enum ('sad', 'happy');
create table "public"."reviews" (
    "id" bigint not null,
    "book_id" bigint not null,
    "mood" mood not null
);
CREATE UNIQUE INDEX reviews_pkey ON public.reviews USING btree (id);
alter table "public"."reviews" add constraint "reviews_pkey" PRIMARY KEY using index "reviews_pkey";
alter table "public"."reviews" add constraint "reviews_book_id_fkey" FOREIGN KEY (book_id) REFERENCES books(id) not valid;
alter table "public"."reviews" validate constraint "reviews_book_id_fkey";
ALTER PUBLICATION catalog_changes ADD TABLE public.reviews WHERE ((book_id > 0));
