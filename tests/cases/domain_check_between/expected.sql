CREATE DOMAIN public.percent AS integer CONSTRAINT percent_range CHECK (((((VALUE >= 0) AND (VALUE <= 100))::boolean AND (VALUE <> 50)) OR (VALUE IS NULL)));
create table "public"."scores" (
    "id" integer not null,
    "score" percent
);
CREATE UNIQUE INDEX scores_pkey ON public.scores USING btree (id);
alter table "public"."scores" add constraint "scores_pkey" PRIMARY KEY using index "scores_pkey";
