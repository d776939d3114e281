"""Every diff case: the plan is the expected script, and applying it converges (the
next plan is empty and the catalogs are equal), on every test server."""

from __future__ import annotations

import pytest

from tests import caselib

CASES = caselib.all_cases()


def _param(case: caselib.Case):
    marks = [pytest.mark.xfail(reason=case.known_gap, strict=True)] if case.known_gap else []
    if not caselib.is_quick(case, CASES):
        marks.append(pytest.mark.corpus)
    return pytest.param(case, id=case.name, marks=marks)


@pytest.fixture(params=[15, 18], ids=["pg15", "pg18"])
def server(request, servers):
    if request.param not in servers:
        pytest.skip(f"PostgreSQL {request.param} is not available here")  # never on CI
    return servers[request.param]


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_case_plans_the_expected_script_and_converges(case, server, db_factory, tmp_path):
    settings = caselib.settings_for(tmp_path)
    current_url, desired_url = db_factory(server), db_factory(server)
    caselib.load_sql(current_url, "current.sql", case.current)
    caselib.load_desired(desired_url, case.desired)
    made = caselib.plan_case(settings, current_url, desired_url)
    assert caselib.plan.script(made) == case.expected_path.read_text()
    # apply verifies before committing: migra and the gap modules find nothing left to do
    # and the full catalog snapshots are equal; otherwise it raises NotConverged.
    caselib.apply_case(settings, current_url, desired_url, made)
