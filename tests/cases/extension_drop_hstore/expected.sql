drop extension if exists "hstore";
