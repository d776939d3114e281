"""The platform schema, applied by schematool, is the rendered schema completely.

migra alone skips comments, FORCE ROW LEVEL SECURITY, schema and column grants; this
proves, with pg_dump rather than schematool's own catalog, that nothing is missed.
"""

from __future__ import annotations

from schematool import load
from schematool.desired import load_desired
from tests.conftest import ROOT
from tests.helpers import run
from tests.pgdump import dump


def test_applied_platform_schema_equals_the_rendered_schema_in_pg_dump(servers, db_factory, monkeypatch):
    for server in servers.values():
        applied, reference = db_factory(server), db_factory(server)
        monkeypatch.chdir(ROOT)
        monkeypatch.setenv("DATABASE_URL", applied)
        result = run("apply", "--yes")
        assert result.exit_code == 0, result.output
        files = load.schema_files(ROOT / "schema", "schema")
        load_desired(reference, files)
        assert dump(server, applied) == dump(server, reference)
        assert run("plan", "--exit-code").exit_code == 0
