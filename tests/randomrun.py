"""Running random schema pairs (`tests/randomschema.py`) against a real server.

Shared by the property test (`tests/test_random_schemas.py`) and the manual runner
(`scripts/random_schemas.py`). The properties, for each pair (A, B = mutate(A)):

- plan(A -> A) is empty;
- plan(A -> B) applies, the target's normalized pg_dump equals that of B freshly
  loaded, and the next plan is empty;
- the same from B back to A.

A batch puts many pairs into one database pair, each in its own schema namespace, and
checks them all with one plan per property: planning is the cost, and it grows far less
than linearly with the number of objects. A failing batch is halved until each failure
is one pair, so that it names its seed.
"""

from __future__ import annotations

import tempfile
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from psycopg import sql

from schematool import db
from schematool.cli import output
from tests import caselib, pgdump, randomschema


@dataclass(frozen=True)
class Pair:
    seed: int
    ns: str
    a: str
    b: str
    changed: tuple[str, ...]


@dataclass(frozen=True)
class Failure:
    seeds: tuple[int, ...]
    step: str
    message: str
    a: str
    b: str

    def report(self) -> str:
        seeds = ", ".join(str(s) for s in self.seeds)
        return f"seed {seeds}: {self.step}: {self.message}\n-- A --\n{self.a}-- B --\n{self.b}"


def pairs(seeds: Iterable[int], avoid: frozenset[str]) -> list[Pair]:
    made = []
    for seed in seeds:
        ns = f"r{seed}"
        a, b, changed = randomschema.pair(seed, ns, avoid)
        made.append(Pair(seed, ns, a, b, tuple(changed)))
    return made


@dataclass
class Databases:
    """The three databases one runner reuses for every batch: the target, A's and B's."""

    server: object  # tests.conftest.Server (its url, bindir)
    target: str
    a: str
    b: str

    def reset(self) -> None:
        for url in (self.target, self.a, self.b):
            with db.connect(url, autocommit=True) as conn:
                schemas = [
                    r[0]
                    for r in conn.execute(
                        "SELECT nspname FROM pg_namespace WHERE nspname ~ '^r[0-9]+$'"
                    )
                ]
                pubs = [r[0] for r in conn.execute("SELECT pubname FROM pg_publication")]
                for name in pubs:
                    conn.execute(sql.SQL("DROP PUBLICATION {}").format(sql.Identifier(name)))
                if schemas:
                    conn.execute(
                        sql.SQL("DROP SCHEMA {} CASCADE").format(
                            sql.SQL(", ").join(sql.Identifier(s) for s in schemas)
                        )
                    )


def check(dbs: Databases, batch: list[Pair]) -> list[Failure]:
    """The failures of `batch`: none when the whole batch passes at once, else each pair's
    own, found by halving the batch until each failing pair runs alone."""
    failure = _check_together(dbs, batch)
    if failure is None:
        return []
    if len(batch) == 1:
        return [failure]
    half = len(batch) // 2
    found = check(dbs, batch[:half]) + check(dbs, batch[half:])
    return found or [failure]  # together only: the pairs disturb each other


def _check_together(dbs: Databases, batch: list[Pair]) -> Failure | None:
    a_sql = "".join(p.a for p in batch)
    b_sql = "".join(p.b for p in batch)
    seeds = tuple(p.seed for p in batch)
    step = "load"
    settings = caselib.settings_for(Path(tempfile.gettempdir()))
    try:
        dbs.reset()
        step = "load A (generator bug)"
        caselib.load_sql(dbs.target, "current.sql", a_sql)
        caselib.load_desired(dbs.a, a_sql)
        step = "load B (generator bug)"
        caselib.load_desired(dbs.b, b_sql)
        step = "plan A->A is empty"
        _empty(caselib.plan_case(settings, dbs.target, dbs.a, a_sql))
        for name, url, text in (("A->B", dbs.b, b_sql), ("B->A", dbs.a, a_sql)):
            step = f"plan {name}"
            made = caselib.plan_case(settings, dbs.target, url, text)
            step = f"apply {name}"
            caselib.apply_case(settings, dbs.target, url, made)
            step = f"pg_dump after {name}"
            wanted = column_order_free(pgdump.dump(dbs.server, url))
            got = column_order_free(pgdump.dump(dbs.server, dbs.target))
            if got != wanted:
                raise AssertionError("\n".join(pgdump.differences(wanted, got)))
            step = f"next plan after {name} is empty"
            _empty(caselib.plan_case(settings, dbs.target, url, text))
    except Exception as error:  # noqa: BLE001 - any failure is a finding, reported with its seed
        message = str(error).strip() or traceback.format_exc(limit=3)
        return Failure(seeds, step, message, a_sql, b_sql)
    return None


def column_order_free(entries: list[str]) -> list[str]:
    """pg_dump's entries with each CREATE TABLE's column lines sorted: a column B drops
    comes back last on the way from B to A, and no plan reorders columns without
    rebuilding the table (the corpus excuses the same with `[pg_dump_differs]`)."""
    return sorted(_columns_sorted(entry) for entry in entries)


def _columns_sorted(entry: str) -> str:
    lines = entry.split("\n")
    try:
        start = next(
            k
            for k, line in enumerate(lines)
            if line.startswith(("CREATE TABLE ", "CREATE UNLOGGED TABLE ")) and line.endswith(" (")
        )
        end = next(k for k in range(start + 1, len(lines)) if lines[k].startswith(")"))
    except StopIteration:
        return entry
    body = sorted(line.strip().rstrip(",") for line in lines[start + 1 : end])
    return "\n".join([*lines[: start + 1], *body, *lines[end:]])


def _empty(made) -> None:
    if not made.is_empty:
        raise AssertionError("the plan is not empty:\n" + output.script(made))


BATCH = 40  # pairs per database pair: the 120 CI seeds are 3 batches per server (docs/random-schemas.md: cost)
