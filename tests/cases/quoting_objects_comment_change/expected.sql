COMMENT ON COLUMN "it's ""quoted"""."order's ""items"""."back\slash" IS E'column: it''s "quoted" back\\slash $$ dollar
newline (changed)';
COMMENT ON COLUMN "it's ""quoted"""."order's ""items"""."col ""q""" IS E'column: it''s "quoted" back\\slash $$ dollar
newline (changed)';
COMMENT ON COLUMN "it's ""quoted"""."order's ""items"""."dollar$$" IS E'column: it''s "quoted" back\\slash $$ dollar
newline (changed)';
COMMENT ON COLUMN "it's ""quoted"""."order's ""items"""."id's" IS E'column: it''s "quoted" back\\slash $$ dollar
newline (changed)';
COMMENT ON COLUMN "it's ""quoted"""."order's ""items"""."new
line" IS E'column: it''s "quoted" back\\slash $$ dollar
newline (changed)';
COMMENT ON CONSTRAINT "pk's" ON "it's ""quoted"""."order's ""items""" IS E'primary key: it''s "quoted" back\\slash $$ dollar
newline (changed)';
COMMENT ON DOMAIN "it's ""quoted"""."price$$" IS E'domain: it''s "quoted" back\\slash $$ dollar
newline (changed)';
COMMENT ON TYPE "it's ""quoted"""."mood's" IS E'type: it''s "quoted" back\\slash $$ dollar
newline (changed)';
COMMENT ON FUNCTION "it's ""quoted"""."fn's ""q"""(x text) IS E'function: it''s "quoted" back\\slash $$ dollar
newline (changed)';
COMMENT ON INDEX "it's ""quoted"""."idx's ""q""" IS E'index: it''s "quoted" back\\slash $$ dollar
newline (changed)';
COMMENT ON POLICY "policy's ""q""" ON "it's ""quoted"""."order's ""items""" IS E'policy: it''s "quoted" back\\slash $$ dollar
newline (changed)';
COMMENT ON SCHEMA "it's ""quoted""" IS E'schema: it''s "quoted" back\\slash $$ dollar
newline (changed)';
COMMENT ON SEQUENCE "it's ""quoted"""."seq\back" IS E'sequence: it''s "quoted" back\\slash $$ dollar
newline (changed)';
COMMENT ON TABLE "it's ""quoted"""."order's ""items""" IS E'table: it''s "quoted" back\\slash $$ dollar
newline (changed)';
COMMENT ON TRIGGER "trigger's ""q""" ON "it's ""quoted"""."order's ""items""" IS E'trigger: it''s "quoted" back\\slash $$ dollar
newline (changed)';
COMMENT ON VIEW "it's ""quoted"""."view's ""q""" IS E'view: it''s "quoted" back\\slash $$ dollar
newline (changed)';
