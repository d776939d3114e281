"""An online apply killed anywhere (`kill -9`) leaves one of the states docs/online.md "What
an online apply promises" lists, loses no row, and the next `apply --online` converges
and leaves no INVALID index and no helper.

One online plan (a unique key, a changed index, a concurrent index, a foreign key, a
CHECK, a NOT NULL, an index on a column the core adds, a dropped index) is saved once;
each trial applies it in a real `schematool apply --online` process on a fresh copy of
the "before" database and kills it with SIGKILL at a different point: at each statement
of every phase, while a concurrent build waits for a writer's open transaction (its
index is INVALID then), while an after step waits for a lock, during the final
verification, and at fixed delays. Progress is observed in pg_stat_activity, never
guessed from sleeps (the delays are the kill points under test).
"""

from __future__ import annotations

import json
import os
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from schematool import db
from schematool.desired import scratch
from schematool.inspect import catalog
from schematool.plan import online
from schematool.project.config import TOOL_SCHEMA
from tests import safety_procs as procs

# slow (kill -9 trials of online apply): CI runs them (`pytest -m slow`), the default run does not
pytestmark = pytest.mark.slow

ROWS = 30_000
ALLOW = ["--allow-hazards", "index-dropped"]
STEPS = 18  # the plan's: 3 before, 7 in the core, 8 after

BEFORE = f"""
CREATE TABLE parent (id bigint PRIMARY KEY);
CREATE TABLE item (id bigint PRIMARY KEY, parent_id bigint, code text, qty int, note text);
CREATE INDEX item_note_idx ON item (note);
CREATE INDEX item_old_idx ON item (parent_id, qty);
INSERT INTO parent SELECT g FROM generate_series(1, 10) g;
INSERT INTO item SELECT g, g % 10 + 1, 'c' || g, g, 'n' || g FROM generate_series(1, {ROWS}) g;
ANALYZE;
"""

DESIRED = """
CREATE TABLE parent (id bigint PRIMARY KEY);
CREATE TABLE item (
    id bigint PRIMARY KEY,
    parent_id bigint REFERENCES parent,
    code text UNIQUE,
    qty int NOT NULL CHECK (qty > 0),
    note text,
    added int
);
CREATE INDEX item_note_idx ON item (note, id);
CREATE INDEX item_qty_idx ON item (qty);
CREATE INDEX item_added_idx ON item (added);
"""


@dataclass
class World:
    version: int
    server_url: str
    template: str
    root: Path
    steps: list[dict]  # the saved online plan's steps, in the order they run
    before: catalog.Snapshot
    desired: str  # the fingerprint a complete apply reaches
    desired_snapshot: catalog.Snapshot
    logs: Path

    def env(self, url: str) -> dict[str, str]:
        return {**os.environ, "DATABASE_URL": url, "NO_COLOR": "1"}

    def copy(self) -> tuple[str, str]:
        name = "onfaults_" + secrets.token_hex(4)
        with db.connect(self.server_url, autocommit=True) as conn:
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(self.template)
                )
            )
        return name, db.with_database(self.server_url, name)

    def drop(self, name: str) -> None:
        with db.connect(self.server_url, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    def apply(self, url: str, *, saved: bool = True) -> procs.Cli:
        # the plan is made once, on the template, and applied to each copy of it
        plan = ["--plan", str(self.root / "plan.json"), "--plan-for-any-database"] if saved else []
        argv = ["apply", "--online", "--yes", *ALLOW, *plan]
        return procs.start(argv, cwd=self.root, env=self.env(url), logs=self.logs)


def _conn(url: str) -> psycopg.Connection:
    return db.connect(url, autocommit=True, application_name="safety-test")


def _snapshot(url: str) -> catalog.Snapshot:
    with _conn(url) as conn:
        return catalog.snapshot(conn, (TOOL_SCHEMA,))


def _fingerprint(url: str) -> str:
    with _conn(url) as conn:
        return catalog.fingerprint(conn, (TOOL_SCHEMA,))



@pytest.fixture(scope="module")
def worlds(servers, tmp_path_factory) -> Iterator[dict[int, World]]:
    """Per server (made when a trial first needs it): the template, the saved plan, and
    the state a complete online apply reaches."""
    made: dict[int, World] = {}

    def make(version: int) -> World:
        if version not in made:
            if version not in servers:
                pytest.fail(f"PostgreSQL {version} is not available")
            made[version] = _world(version, servers[version].url, tmp_path_factory)
        return made[version]

    try:
        yield _Lazy(make)  # type: ignore[misc]
    finally:
        for world in made.values():
            world.drop(world.template)


class _Lazy(dict):
    def __init__(self, make) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, version: int) -> World:
        return self.make(version)


def _world(version: int, server_url: str, tmp_path_factory) -> World:
    root = tmp_path_factory.mktemp(f"online_faults_{version}")
    (root / "pyproject.toml").write_text(
        '[tool.schematool]\nschema = "schema"\nkeep_scratch = false\n'
    )
    (root / "schema").mkdir()
    (root / "schema" / "schema.sql").write_text(DESIRED)
    template = "onfaults_tpl_" + secrets.token_hex(4)
    with db.connect(server_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(template)))
    template_url = db.with_database(server_url, template)
    with db.connect(template_url, autocommit=True) as conn:
        conn.execute(BEFORE)
    world = World(
        version, server_url, template, root, [], _snapshot(template_url), "", {}, root / "logs"
    )
    name, url = world.copy()
    try:
        env = world.env(url)
        planned = procs.start(
            ["plan", "--online", "--out", str(root / "plan.json")],
            cwd=root,
            env=env,
            logs=world.logs,
        )
        assert planned.wait() == 0, planned.stderr
        world.steps = json.loads((root / "plan.json").read_text())["steps"]
        applied = world.apply(url)
        assert applied.wait() == 0, applied.stderr
        world.desired = _fingerprint(url)
        world.desired_snapshot = _snapshot(url)
    finally:
        world.drop(name)
    return world


# -- the plan the trials kill ----------------------------------------------------------------


def test_the_plan_under_test_has_every_phase_and_step_kind(worlds):
    steps = worlds[18].steps
    phases = [s["phase"] for s in steps]
    assert phases == sorted(phases, key=online.PHASES.index)  # numbered in the order they run
    text = "\n".join(f"{s['phase']} {s['sql']}".lower().replace('"', "") for s in steps)
    new, old = (
        online.new_index_name("public", "item_note_idx"),
        online.old_index_name("public", "item_note_idx"),
    )
    for expected in (
        f"{online.BEFORE} create unique index concurrently item_code_key",
        f"{online.BEFORE} create index concurrently item_qty_idx",
        f"{online.BEFORE} create index concurrently {new}",
        f"{online.CORE} alter table public.item add column added",
        f"{online.CORE} alter table public.item add constraint schematool_nn_qty",
        f"{online.CORE} alter index public.item_note_idx rename to {old}",
        f"{online.CORE} alter table public.item add constraint item_code_key unique using index",
        f"{online.CORE} alter table public.item add constraint item_parent_id_fkey foreign key",
        f"{online.CORE} alter table public.item add constraint item_qty_check check",
        f"{online.AFTER} alter table public.item validate constraint item_parent_id_fkey",
        f"{online.AFTER} alter table public.item validate constraint item_qty_check",
        f"{online.AFTER} alter table public.item validate constraint schematool_nn_qty",
        f"{online.AFTER} alter table public.item alter column qty set not null",
        f"{online.AFTER} alter table public.item drop constraint schematool_nn_qty",
        f"{online.AFTER} drop index concurrently public.item_old_idx",
        f"{online.AFTER} drop index concurrently public.{old}",
        f"{online.AFTER} create index concurrently item_added_idx",
    ):
        assert expected in text, text
    assert len(steps) == STEPS


# -- watching an online apply from outside ---------------------------------------------------


class Watch:
    def __init__(self, world: World, name: str, url: str, cli: procs.Cli) -> None:
        self.world, self.name, self.url, self.cli = world, name, url, cli
        self.conn = _conn(world.server_url)
        self.index = {s["sql"].strip(): n for n, s in enumerate(world.steps, 1)}
        self.furthest = 0
        self.waiting = False  # the apply's session waits for a lock

    def close(self) -> None:
        self.conn.close()

    def look(self) -> None:
        rows = self.conn.execute(
            "SELECT coalesce(query, ''), coalesce(wait_event_type, '') = 'Lock'"
            " FROM pg_stat_activity WHERE datname = %s AND application_name = 'schematool'",
            (self.name,),
        ).fetchall()
        self.waiting = False
        for query, waiting in rows:
            n = self.index.get(query.strip())
            if n:
                self.furthest = max(self.furthest, n)
                self.waiting = self.waiting or waiting

    def until(self, condition, what: str) -> None:
        def check() -> bool:
            self.look()
            return bool(condition()) or not self.cli.running()

        procs.wait_until(check, f"{what} in {self.name}", timeout=120)

    def phases_done(self) -> list[str]:
        with _conn(self.url) as conn:
            try:
                rows = conn.execute(
                    "SELECT phase FROM schematool.history WHERE outcome = 'applied' ORDER BY id"
                ).fetchall()
            except psycopg.errors.UndefinedTable:
                return []
        return [r[0] for r in rows]


def _numbers(world: World, phase: str) -> list[int]:
    return [n for n, s in enumerate(world.steps, 1) if s["phase"] == phase]


# -- what a killed apply may leave -------------------------------------------------------------


def _names(snap: catalog.Snapshot, kind: str) -> set[str]:
    return set(snap.get(kind, {}))


def _reserved(identity: str) -> bool:
    return online.is_reserved(identity.rsplit(".", 1)[-1])


def _documented_state(world: World, url: str, core_committed: bool) -> None:
    """The target is in a state docs/online.md's table lists for where the apply was stopped."""
    now = _snapshot(url)
    before, desired = world.before, world.desired_snapshot
    invalid = [k for k, v in now.get("index", {}).items() if not v.get("valid", True)]
    assert len(invalid) <= 1, f"more than one INVALID index: {invalid}"
    for kind in ("index", "constraint"):
        strange = {
            k
            for k in _names(now, kind) - _names(before, kind) - _names(desired, kind)
            if not _reserved(k)
        }
        assert not strange, f"{kind}(s) neither before nor desired nor reserved: {strange}"
    if core_committed:  # the core's catalog-only work is there, whole
        assert now.get("column", {}).keys() == desired.get("column", {}).keys()
        assert _names(desired, "constraint") <= _names(now, "constraint")
    else:  # the core rolled back: only indexes were built
        assert now.get("column") == before.get("column")
        assert now.get("constraint") == before.get("constraint")
        assert _names(before, "index") - {"public.item_note_idx"} <= _names(now, "index")
    with _conn(url) as conn:
        (rows,) = conn.execute("SELECT count(*) FROM item").fetchone()
    assert rows == ROWS, "a row was lost"


def _converges(world: World, name: str, url: str) -> None:
    rerun = world.apply(url, saved=False)
    assert rerun.wait() == 0, rerun.stderr
    assert _fingerprint(url) == world.desired
    now = _snapshot(url)
    assert [k for k, v in now["index"].items() if not v.get("valid", True)] == []
    assert [k for kind in ("index", "constraint") for k in now[kind] if _reserved(k)] == []
    with _conn(url) as conn:
        (rows,) = conn.execute("SELECT count(*) FROM item").fetchone()
        cores = conn.execute(
            "SELECT count(*) FROM schematool.history WHERE phase = 'core' AND outcome = 'applied'"
        ).fetchone()[0]
    assert rows == ROWS
    assert cores == 1  # the core ran once, in the killed apply or in the rerun


# -- the trials ----------------------------------------------------------------------------------

# (server, point, argument): a statement number reached; a build (or after step) waiting
# on a writer's open transaction; the final verification; a delay after the start (ms)
POINTS: list[tuple[int, str, int]] = [
    *[(18, "statement", n) for n in range(1, STEPS + 1)],
    (18, "blocked", 1),  # the first concurrent build waits: its index is INVALID
    (18, "blocked-after", 0),  # an after step waits for a writer
    (18, "verifying", 0),
    (18, "delay", 2000),
    (15, "statement", 2),
    (15, "blocked", 1),
    (15, "blocked-after", 0),
]


def _id(point: tuple[int, str, int]) -> str:
    return f"pg{point[0]}-{point[1]}-{point[2]}"


@pytest.mark.parametrize(("version", "point", "arg"), POINTS, ids=[_id(p) for p in POINTS])
def test_sigkill_during_an_online_apply_leaves_a_documented_state_and_a_rerun_converges(
    worlds, version, point, arg
):
    world = worlds[version]
    if point == "statement" and arg > len(world.steps):
        pytest.fail(f"the plan has {len(world.steps)} steps, the trial wants statement {arg}")
    name, url = world.copy()
    writer = None
    try:
        if point == "blocked":  # a writer's open transaction: the concurrent build waits
            writer = _conn(url)
            writer.autocommit = False
            writer.execute("INSERT INTO item VALUES (0, 1, 'w', 1, 'w')")
        cli = world.apply(url)
        watch = Watch(world, name, url, cli)
        started = time.monotonic()
        try:
            _reach(watch, point, arg, started)
            if point == "blocked-after":
                writer = _conn(url)
                writer.autocommit = False
                writer.execute("UPDATE item SET note = 'w' WHERE id = 1")
                watch.until(lambda: watch.waiting, "an after step waiting for the writer")
            cli.kill()
            code = cli.wait()
            core_committed = online.CORE in watch.phases_done()
        finally:
            watch.close()
        procs.wait_for_no_backends(world.server_url, name)
        if writer is not None:
            writer.rollback()
            writer.close()
            writer = None
        assert code in (-9, 0), cli.stderr  # killed, or it had finished already
        if point == "blocked":
            invalid = [k for k, v in _snapshot(url)["index"].items() if not v.get("valid")]
            assert invalid == ["public.item_code_key"], "the cut-short build left no INVALID index"
        _documented_state(world, url, core_committed)
        _converges(world, name, url)
        scratch.clean(world.server_url)
    finally:
        if writer is not None:
            writer.close()
        world.drop(name)


def _reach(watch: Watch, point: str, arg: int, started: float) -> None:
    world = watch.world
    if point == "statement":
        watch.until(lambda: watch.furthest >= arg, f"statement {arg}")
    elif point == "blocked":
        watch.until(lambda: watch.waiting and watch.furthest == arg, "the build waiting")
    elif point == "blocked-after":
        watch.until(lambda: online.CORE in watch.phases_done(), "the committed core")
    elif point == "verifying":
        last = len(world.steps)
        watch.until(
            lambda: watch.furthest >= last and online.AFTER in watch.phases_done(),
            "the after phase recorded",
        )
    elif point == "delay":
        while time.monotonic() - started < arg / 1000 and watch.cli.running():
            watch.look()
            time.sleep(0.005)
    else:
        raise AssertionError(point)
