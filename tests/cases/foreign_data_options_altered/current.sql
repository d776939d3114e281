CREATE FOREIGN DATA WRAPPER files OPTIONS (debug 'true', level '1');
CREATE SERVER feeds VERSION '1' FOREIGN DATA WRAPPER files
    OPTIONS (root '/srv/feeds', encoding 'UTF8', mode 'fast');
CREATE USER MAPPING FOR case_reader SERVER feeds OPTIONS (user 'reader', password 'old-secret');
CREATE FOREIGN TABLE ratings (
    book_id bigint OPTIONS (column_name 'id'),
    stars integer
) SERVER feeds OPTIONS (filename 'ratings.csv');
