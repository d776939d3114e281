drop view if exists "public"."well_rated_books";
drop view if exists "public"."book_ratings";
create or replace view "public"."book_ratings" as  SELECT ratings.book_id,
    round(avg(ratings.stars), 2) AS average,
    count(*) AS votes
   FROM ratings
  GROUP BY ratings.book_id;
create or replace view "public"."well_rated_books" as  SELECT book_ratings.book_id,
    book_ratings.average
   FROM book_ratings
  WHERE ((book_ratings.votes >= 10) AND (book_ratings.average >= (4)::numeric));
