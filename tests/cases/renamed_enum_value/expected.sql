-- hazards: rename
ALTER TYPE public.order_status RENAME VALUE 'shipped' TO 'dispatched';
