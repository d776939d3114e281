"""Every diff case, in both directions, on every test server.

Forward (current.sql to desired.sql): the plan is the expected script. Both directions
(backward: desired.sql is the target's starting state and current.sql the desired
schema): the plan applies and verifies before COMMIT (the next plan is empty and the
catalogs are equal); pg_dump --schema-only of the applied target equals that of the
desired side loaded as it is (`tests/pgdump.py` normalizes what is not schema); what
PostgreSQL did in the apply's transaction (locks held, tables rewritten) is declared by
the plan (`tests/observe.py`); and the rows a case loads (`rows.sql`,
`rows.backward.sql`) are still there (`tests/rows.py`).

One case costs three databases for both directions: the current state A, the desired
state C (loaded as the desired schema, its dump the forward reference) and D, a copy of
A before anything touches it (the backward desired side, its dump the backward
reference). Forward applies to A; backward then applies to C.

A case that cannot run backwards by design says why in case.toml (`backward_skip`); one
that fails backwards for a tool bug names it (`[backward_gap] pg15 = "..."`), and the
backward run must then fail (a strict xfail, checked here).
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
import pytest

from schematool.cli import output
from schematool.errors import SchemaToolError
from schematool.plan.model import Plan
from tests import caselib, observe, pgdump, rows

CASES = caselib.all_cases()
EXCLUDED = ("schematool",)


def _param(case: caselib.Case, version: int):
    marks = []
    gap = case.known_gap(version)
    if gap:
        marks.append(pytest.mark.xfail(reason=gap, strict=True))
    if not caselib.is_quick(case, CASES):
        marks.append(pytest.mark.corpus)
    return pytest.param(case, version, id=f"pg{version}-{case.name}", marks=marks)


@dataclass(frozen=True)
class Run:
    """One direction of a case: the target, the desired side and its SQL, the dump the
    applied target must equal, and the rows loaded before the plan."""

    direction: str
    target: str
    desired: str
    desired_sql: str
    reference: list[str]
    rows_sql: str | None
    observed_gap: str | None = None  # a known undeclared lock or rewrite: strict xfail


@pytest.mark.parametrize(("case", "version"), [_param(c, v) for v in (15, 18) for c in CASES])
def test_case_converges_both_ways(case, version, servers, tmp_path, record_property):
    if version not in servers:
        pytest.skip(f"PostgreSQL {version} is not available here")  # CI requires both
    server = servers[version]
    settings = caselib.settings_for(tmp_path)
    with caselib.Databases(server.url) as made:
        current_url, desired_url = made.new(), made.new()
        if caselib.refuses(desired_url, case, current_url):
            return  # the server lacks what the case needs (ICU), and refused it: asserted
        caselib.load_sql(current_url, "current.sql", case.current)
        caselib.load_desired(desired_url, case.desired)
        copy_url = made.new(template=current_url)
        forward = Run(
            "forward",
            current_url,
            desired_url,
            case.desired,
            pgdump.dump(server, desired_url),
            case.rows("forward"),
            case.meta.get("observed_gap", {}).get(f"pg{version}"),
        )
        backward = Run(
            "backward",
            desired_url,
            copy_url,
            case.current,
            pgdump.dump(server, copy_url),
            case.rows("backward"),
        )

        def expected(plan: Plan) -> None:
            assert output.script(plan) == case.expected_for(version).read_text()

        _converges(
            settings,
            server,
            forward,
            case.known_dump_difference(version),
            expected,
            record_property,
        )
        _backward(settings, server, case, version, backward, record_property)


def _backward(settings, server, case, version, run: Run, record_property) -> None:
    """The backward run, unless excused by design; a known gap must still fail."""
    if case.backward_excuse:
        record_property("backward_skip", case.backward_excuse)
        return
    found = caselib.unmanaged_in(run.desired, EXCLUDED)
    assert not found, (
        f"current.sql holds objects no plan manages ({found[:3]}): a plan to it is"
        " refused; excuse the backward run with backward_skip in case.toml"
    )
    gap = case.backward_gap(version)
    try:
        _converges(
            settings, server, run, case.backward_dump_difference(version), None, record_property
        )
    except (AssertionError, SchemaToolError, psycopg.Error) as failure:
        if gap:
            pytest.xfail(f"backward: {gap}")
        raise AssertionError(f"backward (desired.sql to current.sql): {failure}") from failure
    assert not gap, f"the backward run converges now ({gap}): drop [backward_gap] pg{version}"


def _converges(settings, server, run: Run, dump_reason, expected, record_property) -> None:
    if run.rows_sql is not None:
        caselib.load_sql(run.target, f"rows.{run.direction}.sql", run.rows_sql)
    made = caselib.plan_case(settings, run.target, run.desired, run.desired_sql)
    if expected is not None:
        expected(made)
    held = rows.read(run.target) if run.rows_sql is not None else None
    before = observe.Before.read(run.target)
    seen = observe.Observation()
    # apply verifies before committing: migra and the gap modules find nothing left to do
    # and the full catalog snapshots are equal; otherwise it raises NotConverged.
    caselib.apply_case(
        settings, run.target, run.desired, made, observe=seen if made.steps else None
    )
    got = pgdump.dump(server, run.target)
    if dump_reason:
        assert got != run.reference, f"pg_dump no longer differs ({dump_reason}): drop the entry"
    elif run.direction == "backward" and pgdump.column_order_only(run.reference, got):
        # a column the backward plan adds goes last, where current.sql has it earlier:
        # by design (as `[pg_dump_differs]` forward), listed in the run's findings
        record_property("backward_column_order", "pg_dump differs in column order only")
    else:
        assert got == run.reference, "\n".join(
            ["pg_dump differs:", *pgdump.differences(run.reference, got)]
        )
    if made.steps:
        findings = observe.check(made, before, seen)
        for line in findings.over_declared:
            record_property("over_declared_rewrite", f"{run.direction}: {line}")
        if run.observed_gap:  # `[observed_gap] pg15 = "..."`: forward, a known missing declaration
            assert findings.missing, f"now declared ({run.observed_gap}): drop [observed_gap]"
            pytest.xfail(f"{run.direction}: {run.observed_gap}")
        assert not findings.missing, "\n".join(
            [f"{run.direction}: what PostgreSQL did, not declared:", *findings.missing]
        )
    if held is not None:
        lost = rows.lost(held, rows.read(run.target))
        assert not lost, "\n".join([f"{run.direction}: rows changed:", *lost])
