create table "public"."authors" (
    "id" bigint not null,
    "name" text not null
);
create table "public"."books" (
    "id" bigint not null,
    "author_id" bigint not null,
    "title" text not null,
    "published_on" date
);
create table "public"."reviews" (
    "id" bigint not null,
    "book_id" bigint not null,
    "rating" smallint not null,
    "body" text
);
CREATE UNIQUE INDEX authors_pkey ON public.authors USING btree (id);
CREATE UNIQUE INDEX books_pkey ON public.books USING btree (id);
CREATE UNIQUE INDEX reviews_pkey ON public.reviews USING btree (id);
alter table "public"."authors" add constraint "authors_pkey" PRIMARY KEY using index "authors_pkey";
alter table "public"."books" add constraint "books_pkey" PRIMARY KEY using index "books_pkey";
alter table "public"."reviews" add constraint "reviews_pkey" PRIMARY KEY using index "reviews_pkey";
alter table "public"."books" add constraint "books_author_id_fkey" FOREIGN KEY (author_id) REFERENCES authors(id) not valid;
alter table "public"."books" validate constraint "books_author_id_fkey";
alter table "public"."reviews" add constraint "reviews_book_id_fkey" FOREIGN KEY (book_id) REFERENCES books(id) ON DELETE CASCADE not valid;
alter table "public"."reviews" validate constraint "reviews_book_id_fkey";
