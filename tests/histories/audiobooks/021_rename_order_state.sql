-- An enum type renamed while a column default references it (class 8).
ALTER TYPE order_state RENAME TO order_status;
