CREATE FOREIGN DATA WRAPPER files OPTIONS (debug 'false', extra 'yes');
CREATE SERVER feeds VERSION '2' FOREIGN DATA WRAPPER files
    OPTIONS (encoding 'UTF8', root '/srv/feeds', mode 'fast');
CREATE USER MAPPING FOR case_reader SERVER feeds OPTIONS (user 'reader', password 'new-secret');
CREATE FOREIGN TABLE ratings (
    book_id bigint OPTIONS (column_name 'book'),
    stars integer OPTIONS (column_name 'score')
) SERVER feeds OPTIONS (filename 'ratings-v2.csv', header 'true');
