alter table "public"."item" alter column "local" set default (current_setting('app.region', true)::varchar IN ('eu', 'uk', 'us'));
