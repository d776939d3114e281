"""Every diff case: the plan is the expected script, and applying it converges (the
next plan is empty and the catalogs are equal), on every test server; and by the
external measure too: pg_dump --schema-only of the applied target equals that of the
desired schema loaded as it is (`tests/pgdump.py` normalizes what is not schema)."""

from __future__ import annotations

import pytest

from schematool.cli import output
from tests import caselib, pgdump

CASES = caselib.all_cases()


def _param(case: caselib.Case, version: int):
    marks = []
    gap = case.known_gap(version)
    if gap:
        marks.append(pytest.mark.xfail(reason=gap, strict=True))
    if not caselib.is_quick(case, CASES):
        marks.append(pytest.mark.corpus)
    return pytest.param(case, version, id=f"pg{version}-{case.name}", marks=marks)


@pytest.mark.parametrize(("case", "version"), [_param(c, v) for v in (15, 18) for c in CASES])
def test_case_plans_the_expected_script_and_converges(case, version, servers, db_factory, tmp_path):
    if version not in servers:
        pytest.skip(f"PostgreSQL {version} is not available here")  # CI requires both
    server = servers[version]
    settings = caselib.settings_for(tmp_path)
    current_url, desired_url = db_factory(server), db_factory(server)
    if caselib.refuses(desired_url, case, current_url):
        return  # the server lacks what the case needs (ICU), and refused it: asserted
    caselib.load_sql(current_url, "current.sql", case.current)
    caselib.load_desired(desired_url, case.desired)
    made = caselib.plan_case(settings, current_url, desired_url, case.desired)
    assert output.script(made) == case.expected_for(version).read_text()
    # apply verifies before committing: migra and the gap modules find nothing left to do
    # and the full catalog snapshots are equal; otherwise it raises NotConverged.
    caselib.apply_case(settings, current_url, desired_url, made)
    # the external measure: the desired schema loaded as it is (no round trip of its
    # expressions), dumped; the applied target dumped; equal but for what is not schema
    reference_url = db_factory(server)
    caselib.load_sql(reference_url, "desired.sql", case.desired)
    wanted, got = pgdump.dump(server, reference_url), pgdump.dump(server, current_url)
    reason = case.known_dump_difference(version)
    if reason:
        assert got != wanted, f"pg_dump no longer differs ({reason}): drop [pg_dump_differs]"
    else:
        assert got == wanted, "\n".join(["pg_dump differs:", *pgdump.differences(wanted, got)])
