-- hazards: index-dropped
drop index if exists "public"."articles_author_id_idx";
