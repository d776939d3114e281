"""Random schemas: the tool finds what nobody wrote as a case (issue 22).

For every seed, a schema A and B = mutate(A) (`tests/randomschema.py`): plan(A -> A) is
empty; plan(A -> B) applies, pg_dump of the target equals B's, and the next plan is
empty; the same from B back to A (`tests/randomrun.py`). CI runs the fixed seed set
(`DEFAULT_SEEDS`, batches of `randomrun.BATCH` pairs per database pair) under the
`corpus` marker; by hand:

    pytest -m corpus tests/test_random_schemas.py --random-seeds 1000-1999
    pytest -m corpus tests/test_random_schemas.py --random-seeds 7 --random-include-known

The checklist tests need no server: every kind and attribute the catalog snapshot
compares is generated or excused, and what the checklist says is generated is.
"""

from __future__ import annotations

import re

import pglast
import pytest
from pglast import ast

from schematool.inspect import catalog
from tests import randomrun, randomschema
from tests.conftest import _create_db, _drop_db

DEFAULT_SEEDS = "0-119"  # 120 pairs on each server, 240 in all (CI's time budget)
CHECKLIST_SEEDS = range(3000)  # server-free: enough for every tagged mutation to occur


def _seeds(text: str) -> list[int]:
    """`0-239`, `7`, `1,5,9-12` -> the seeds."""
    seeds: list[int] = []
    for part in text.split(","):
        first, _, last = part.partition("-")
        seeds += range(int(first), int(last or first) + 1)
    return seeds


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "random_batch" not in metafunc.fixturenames:
        return
    config = metafunc.config
    seeds = _seeds(config.getoption("random_seeds") or DEFAULT_SEEDS)
    known = config.getoption("random_include_known")
    params = []
    for version in (15, 18):
        for start in range(0, len(seeds), randomrun.BATCH):
            batch = seeds[start : start + randomrun.BATCH]
            name = f"pg{version}-seeds{batch[0]}-{batch[-1]}"
            params.append(pytest.param(version, batch, known, id=name))
    metafunc.parametrize(("random_version", "random_batch", "random_known"), params)


@pytest.mark.corpus
def test_random_schema_pairs_converge_both_ways(
    random_version: int, random_batch: list[int], random_known: bool, servers
) -> None:
    if random_version not in servers:
        pytest.skip(f"PostgreSQL {random_version} is not available here")  # CI requires both
    server = servers[random_version]
    avoid = frozenset() if random_known else frozenset(randomschema.AVOIDED)
    urls = [_create_db(server) for _ in range(3)]
    try:
        found = randomrun.check(
            randomrun.Databases(server, *urls), randomrun.pairs(random_batch, avoid)
        )
    finally:
        for url in urls:
            _drop_db(server, url)
    assert not found, "\n\n".join(failure.report() for failure in found)


# -- the checklist, without a server ------------------------------------------------------


def _keys(node) -> list[str] | None:
    """The keys of the jsonb_build_object a snapshot query selects (joined with || too)."""
    if isinstance(node, ast.FuncCall) and node.funcname[-1].sval == "jsonb_build_object":
        return [arg.val.sval for arg in node.args[0::2]]
    if isinstance(node, ast.FuncCall) and node.funcname[-1].sval == "to_jsonb":
        return ["row"]  # a catalog row taken whole: one checklist entry, `kind.row`
    if isinstance(node, ast.A_Expr):
        left, right = _keys(node.lexpr), _keys(node.rexpr)
        return None if left is None and right is None else (left or []) + (right or [])
    if isinstance(node, ast.CoalesceExpr):
        return next((k for k in map(_keys, node.args) if k is not None), None)
    return None


def snapshot_attributes() -> set[str]:
    """Every kind the catalog snapshot reads, and kind.attribute for each of its keys."""
    names = set()
    for kind, query in catalog.QUERIES.items():
        text = query.replace("%%", "%").replace("%(excluded)s", "NULL")
        select = pglast.parse_sql(text)[0].stmt
        while select.larg is not None:  # a UNION: the first branch names the keys
            select = select.larg
        keys = _keys(select.targetList[-1].val)
        assert keys, f"cannot read the attributes of snapshot_{kind}.sql"
        names |= {kind} | {f"{kind}.{key}" for key in keys}
    return names


def test_checklist_names_every_snapshot_kind_and_attribute() -> None:
    wanted = snapshot_attributes()
    listed = set(randomschema.CHECKLIST)
    assert not wanted - listed, f"neither generated nor excused: {sorted(wanted - listed)}"
    assert not listed - wanted, f"not in any snapshot query: {sorted(listed - wanted)}"


def test_checklist_excuses_give_reasons() -> None:
    for name, entry in randomschema.CHECKLIST.items():
        if isinstance(entry, randomschema.Excused | randomschema.Created):
            assert len(entry.reason) > 10, name


def test_every_attribute_the_checklist_calls_changed_is_mutated() -> None:
    avoid = frozenset(randomschema.AVOIDED)
    tags: set[str] = set()
    for seed in CHECKLIST_SEEDS:
        _, changed = randomschema.mutate(randomschema.generate(seed, "r", avoid), seed)
        tags.update(changed)
    claimed = {n for n, e in randomschema.CHECKLIST.items() if isinstance(e, randomschema.Changed)}
    assert not claimed - tags, (
        f"the checklist says changed, no mutation did: {sorted(claimed - tags)}"
    )
    assert not tags - claimed, f"mutated but not checked off: {sorted(tags - claimed)}"


def test_every_pattern_the_checklist_calls_created_is_generated() -> None:
    text = "".join(randomschema.pair(seed, f"r{seed}")[0] for seed in range(300))
    for name, entry in randomschema.CHECKLIST.items():
        if isinstance(entry, randomschema.Created) and entry.pattern:
            assert re.search(re.escape(entry.pattern), text), name


def test_avoided_shapes_name_their_case_folders() -> None:
    from tests import caselib

    names = {case.name for case in caselib.all_cases()}
    for shape, (folder, reason) in randomschema.AVOIDED.items():
        assert folder in names, f"{shape}: no case folder {folder}"
        assert reason, shape


def test_a_seed_makes_the_same_pair_every_time() -> None:
    assert randomschema.pair(42, "r42") == randomschema.pair(42, "r42")
    assert randomschema.pair(42, "r42") != randomschema.pair(43, "r42")


def test_pg_dump_comparison_forgives_column_order_only() -> None:
    table = "[access method heap]\n\nCREATE {}TABLE r1.t (\n    id bigint,\n    {},\n    {}\n);"
    for persistence in ("", "UNLOGGED "):
        a = table.format(persistence, "c0 jsonb", "g integer")
        reordered = table.format(persistence, "g integer", "c0 jsonb")
        retyped = table.format(persistence, "g bigint", "c0 jsonb")
        assert randomrun.column_order_free([a]) == randomrun.column_order_free([reordered])
        assert randomrun.column_order_free([a]) != randomrun.column_order_free([retyped])
