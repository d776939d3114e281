-- hazards: rename
ALTER INDEX public.events_at RENAME TO events_happened_at_idx;
