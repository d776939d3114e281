-- hazards: rename
ALTER TABLE public.base RENAME COLUMN note TO remark;
