-- hazards: rename
ALTER MATERIALIZED VIEW public.sales_by_region RENAME TO region_totals;
-- hazards: rename
ALTER INDEX public.sales_by_region_region_idx RENAME TO region_totals_region_idx;
