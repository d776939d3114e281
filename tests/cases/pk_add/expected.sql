-- hazards: blocking-lock
CREATE UNIQUE INDEX page_views_pkey ON public.page_views USING btree (id);
alter table "public"."page_views" add constraint "page_views_pkey" PRIMARY KEY using index "page_views_pkey";
