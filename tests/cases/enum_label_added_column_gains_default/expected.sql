ALTER TYPE types.st ADD VALUE 'b';
alter table "app"."t" alter column "s" drop default;
alter table "app"."t" add column "s2" types.st[];
alter table "app"."t" alter column "s" set default 'a'::types.st;
