-- Removals: a view, a sequence, a column.
DROP VIEW recent_titles;
DROP SEQUENCE voucher_numbers;
ALTER TABLE accounts DROP COLUMN is_admin;
