"""The platform schema, applied by schematool, is the rendered schema completely.

migra alone skips comments, FORCE ROW LEVEL SECURITY, schema and column grants; this
proves, with pg_dump rather than schematool's own catalog, that nothing is missed.
"""

from __future__ import annotations

import re
import subprocess

from schematool import load
from schematool.desired import load_desired
from tests.conftest import ROOT
from tests.helpers import run


def _dump(server, url: str) -> list[str]:
    """pg_dump --schema-only as a sorted list of statements, session noise removed."""
    program = str(server.bindir / "pg_dump") if server.bindir else "pg_dump"
    text = subprocess.run(
        [program, "--schema-only", "--exclude-schema=schematool", "--dbname", url],
        check=True, capture_output=True, text=True,
    ).stdout
    lines = [
        line for line in text.splitlines()
        if line.strip() and not line.startswith("--") and not line.startswith(("SET ", "SELECT pg_catalog.set_config", "\\restrict", "\\unrestrict"))
    ]
    return sorted(re.split(r";\n", "\n".join(lines)))


def test_applied_platform_schema_equals_the_rendered_schema_in_pg_dump(servers, db_factory, monkeypatch):
    for server in servers.values():
        applied, reference = db_factory(server), db_factory(server)
        monkeypatch.chdir(ROOT)
        monkeypatch.setenv("DATABASE_URL", applied)
        result = run("apply", "--yes")
        assert result.exit_code == 0, result.output
        files = load.schema_files(ROOT / "schema", "schema")
        load_desired(reference, files)
        assert _dump(server, applied) == _dump(server, reference)
        assert run("plan", "--exit-code").exit_code == 0
