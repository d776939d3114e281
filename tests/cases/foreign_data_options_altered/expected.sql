ALTER FOREIGN DATA WRAPPER files OPTIONS (DROP level, SET debug 'false', ADD extra 'yes');
ALTER SERVER feeds VERSION '2' OPTIONS (DROP root, DROP mode, ADD root '/srv/feeds', ADD mode 'fast');
ALTER USER MAPPING FOR case_reader SERVER feeds OPTIONS (SET password '***');
ALTER FOREIGN TABLE public.ratings ALTER COLUMN book_id OPTIONS (SET column_name 'book');
ALTER FOREIGN TABLE public.ratings ALTER COLUMN stars OPTIONS (ADD column_name 'score');
ALTER FOREIGN TABLE public.ratings OPTIONS (SET filename 'ratings-v2.csv', ADD header 'true');
