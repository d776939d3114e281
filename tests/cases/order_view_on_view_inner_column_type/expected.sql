drop view if exists "public"."well_rated_books";
drop view if exists "public"."book_ratings";
create or replace view "public"."book_ratings" as  SELECT book_id,
    round(avg(stars), 2) AS average,
    count(*) AS votes
   FROM ratings
  GROUP BY book_id;
create or replace view "public"."well_rated_books" as  SELECT book_id,
    average
   FROM book_ratings
  WHERE ((votes >= 10) AND (average >= (4)::numeric));
