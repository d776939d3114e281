"""`apply --online` on real servers (PostgreSQL 15 and 18): every kind of step converges,
a rerun carries on from what an interruption left, a unique build over duplicates
changes nothing, lock timeouts are retried naming the blocker, and writers running
meanwhile never get an error."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import psycopg
import pytest

from schematool import db
from schematool.errors import ExitCode
from schematool.inspect import catalog
from schematool.plan import online
from schematool.project.config import TOOL_SCHEMA
from tests.conftest import ROOT
from tests.helpers import run, without_progress

# slow (each kind of online step on 5,000-row tables): CI runs them (`pytest -m slow`), the default run does not
pytestmark = pytest.mark.slow

ROWS = 5_000

BEFORE = f"""
CREATE TABLE parent (id bigint PRIMARY KEY);
CREATE TABLE item (id bigint PRIMARY KEY, parent_id bigint, code text, qty int, note text);
CREATE INDEX item_note_idx ON item (note);
CREATE TABLE log (id bigint, message text);
INSERT INTO parent SELECT g FROM generate_series(1, 10) g;
INSERT INTO item SELECT g, g % 10 + 1, 'c' || g, g, 'n' || g FROM generate_series(1, {ROWS}) g;
INSERT INTO log SELECT g, 'm' FROM generate_series(1, {ROWS}) g;
ANALYZE;
"""

DESIRED = """
CREATE TABLE parent (id bigint PRIMARY KEY);
CREATE TABLE item (id bigint PRIMARY KEY, parent_id bigint, code text, qty int, note text);
CREATE INDEX item_note_idx ON item (note);
CREATE TABLE log (id bigint, message text);
"""

# each kind of step: what the desired schema adds (or replaces), and the phases its steps
# must run in
KINDS: dict[str, tuple[str, set[str]]] = {
    "index": ("CREATE INDEX item_qty_idx ON item (qty);", {online.BEFORE}),
    "concurrently_in_schema_files": (
        "CREATE INDEX CONCURRENTLY item_qty_idx ON item (qty);",
        {online.BEFORE},
    ),
    "unique": (
        "ALTER TABLE item ADD CONSTRAINT item_code_key UNIQUE (code);",
        {online.BEFORE, online.CORE},
    ),
    "primary_key": (
        "ALTER TABLE log ADD PRIMARY KEY (id);",
        {online.BEFORE, online.CORE, online.AFTER},
    ),
    "changed_index": (
        "@CREATE INDEX item_note_idx ON item (note, id);",
        {online.BEFORE, online.CORE, online.AFTER},
    ),
    "foreign_key": (
        "ALTER TABLE item ADD CONSTRAINT item_parent_fk FOREIGN KEY (parent_id) REFERENCES parent;",
        {online.CORE, online.AFTER},
    ),
    "check": (
        "ALTER TABLE item ADD CONSTRAINT item_qty_check CHECK (qty > 0);",
        {online.CORE, online.AFTER},
    ),
    "not_null": ("ALTER TABLE item ALTER COLUMN qty SET NOT NULL;", {online.CORE, online.AFTER}),
    "index_on_added_column": (
        "ALTER TABLE item ADD COLUMN added int; CREATE INDEX item_added_idx ON item (added);",
        {online.CORE, online.AFTER},
    ),
    "dropped_index": ("@", {online.AFTER}),
    "new_table": (
        "CREATE TABLE note (id bigint PRIMARY KEY, item_id bigint REFERENCES item);"
        " CREATE INDEX note_item_id_idx ON note (item_id);",
        {online.CORE},
    ),
}


def _desired(kind: str) -> str:
    """The desired schema for a kind; `@...` replaces the index item_note_idx."""
    extra, _ = KINDS[kind]
    if extra.startswith("@"):
        return DESIRED.replace("CREATE INDEX item_note_idx ON item (note);", extra[1:])
    return DESIRED + extra


@dataclass
class Target:
    url: str
    root: Path

    def desire(self, schema: str) -> None:
        (self.root / "schema" / "schema.sql").write_text(schema)

    def conn(self) -> psycopg.Connection:
        return db.connect(self.url, autocommit=True, application_name="online-test")

    def fingerprint(self) -> str:
        with self.conn() as conn:
            return catalog.fingerprint(conn, (TOOL_SCHEMA,))

    def one(self, query: str, *params: object) -> object:
        with self.conn() as conn:
            return conn.execute(query, params).fetchone()[0]

    def leftovers(self) -> list[str]:
        """INVALID indexes and objects with the online apply's reserved names."""
        with self.conn() as conn:
            invalid = conn.execute(
                "SELECT 'invalid ' || indexrelid::regclass FROM pg_index WHERE NOT indisvalid"
            ).fetchall()
            reserved = conn.execute(
                "SELECT 'reserved ' || conname FROM pg_constraint WHERE conname LIKE 'schematool\\_%'"
                " UNION ALL SELECT 'reserved ' || relname FROM pg_class"
                " WHERE relname LIKE 'schematool\\_%' AND relnamespace = 'public'::regnamespace"
            ).fetchall()
        return [r[0] for r in invalid + reserved]

    def history(self) -> list[tuple[str, str]]:
        with self.conn() as conn:
            rows = conn.execute("SELECT phase, outcome FROM schematool.history ORDER BY id")
            return [tuple(r) for r in rows.fetchall()]  # type: ignore[misc]

    def rows(self) -> int:
        return int(self.one("SELECT (SELECT count(*) FROM item) + (SELECT count(*) FROM log)"))


@pytest.fixture(params=[15, 18], ids=["pg15", "pg18"])
def target(request, servers, db_factory, tmp_path, monkeypatch) -> Target:
    if request.param not in servers:
        pytest.fail(f"PostgreSQL {request.param} is not available")
    url = db_factory(servers[request.param])
    with db.connect(url, autocommit=True) as conn:
        conn.execute(BEFORE)
    (tmp_path / "pyproject.toml").write_text('[tool.schematool]\nschema = "schema"\n')
    (tmp_path / "schema").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("NO_COLOR", "1")
    return Target(url, tmp_path)


def _plan_json(*args: str) -> dict:
    result = run("plan", "--online", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _converged(target: Target) -> None:
    again = run("plan", "--exit-code")
    assert again.exit_code == ExitCode.OK, again.output
    assert target.leftovers() == []
    assert target.rows() == 2 * ROWS


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_of_step_converges_online_without_a_blocking_lock(target, kind, tmp_path):
    target.desire(_desired(kind))
    plan = _plan_json("--out", str(tmp_path / "plan.json"))
    jsonschema.validate(plan, json.loads((ROOT / "docs" / "plan.schema.json").read_text()))
    assert plan["online"] is True
    assert {step["phase"] for step in plan["steps"]} == KINDS[kind][1]
    assert all("blocking-lock" not in h["kind"] for s in plan["steps"] for h in s["hazards"])
    for step in plan["steps"]:
        if step["phase"] == online.BEFORE:
            assert step["transactional"] is False and "CONCURRENTLY" in step["sql"]
    result = run(
        "apply",
        "--online",
        "--yes",
        "--allow-hazards",
        "index-dropped",
        "--plan",
        str(tmp_path / "plan.json"),
    )
    assert result.exit_code == 0, result.output
    assert "online (" in result.stdout
    _converged(target)
    phases = [phase for phase, outcome in target.history() if outcome == "applied"]
    ran = [p for p in online.PHASES if any(s["phase"] == p for s in plan["steps"])]
    assert phases == [*ran, "verify"]


def test_without_online_an_index_the_schema_files_build_concurrently_is_built_plainly(target):
    target.desire(_desired("concurrently_in_schema_files"))
    result = run("plan", "--format", "json")
    (step,) = json.loads(result.stdout)["steps"]
    assert step["sql"].startswith("CREATE INDEX item_qty_idx") and step["phase"] == "core"
    assert [h["kind"] for h in step["hazards"]] == ["blocking-lock"]


def test_a_unique_build_over_duplicate_rows_names_the_key_and_changes_nothing(target):
    with target.conn() as conn:
        conn.execute("UPDATE item SET code = 'dup' WHERE id IN (7, 8, 9)")
        conn.execute("UPDATE item SET code = 'twice' WHERE id IN (10, 11)")
    target.desire(_desired("unique") + "CREATE INDEX item_qty_idx ON item (qty);")
    before = target.fingerprint()
    # the plan reads the rows first and refuses before the first phase...
    refused = run("apply", "--online", "--yes")
    assert refused.exit_code == ExitCode.REFUSED, refused.output
    assert "fails-on-data" in refused.stderr
    assert target.fingerprint() == before and target.history() == []
    # ...and where that finding is overridden (stale statistics), the build still fails whole
    result = run("apply", "--online", "--yes", "--allow-hazards", "fails-on-data")
    assert result.exit_code == ExitCode.ERROR, result.output
    (line,) = without_progress(result.stderr)
    assert line.startswith("error: statement 1 failed: could not create unique index")
    assert "index public.item_code_key cannot be built" in line
    assert "Key (code)=(" in line and "is duplicated" in line
    assert "2 key(s) of public.item are duplicated" in line
    assert "SELECT code, count(*) FROM public.item WHERE code IS NOT NULL GROUP BY code" in line
    assert line.endswith("nothing was changed")
    assert target.fingerprint() == before and target.leftovers() == []
    assert target.history() == [("online-before", "failed")]


def test_a_rerun_drops_the_invalid_index_an_interrupted_build_left_and_builds_it(target):
    """An invalid index made the way an interruption makes one: a concurrent build that
    gave up waiting for a writer's transaction."""
    writer = target.conn()
    writer.autocommit = False
    writer.execute("INSERT INTO item VALUES (0, 1, 'w', 1, 'w')")  # holds ROW EXCLUSIVE
    with target.conn() as conn:
        conn.execute("SET lock_timeout = '200ms'")
        with pytest.raises(psycopg.errors.LockNotAvailable):
            conn.execute("CREATE INDEX CONCURRENTLY item_qty_idx ON item (qty)")
    writer.rollback()
    writer.close()
    assert target.leftovers() == ["invalid item_qty_idx"]
    target.desire(_desired("index"))
    plain = json.loads(run("plan", "--format", "json").stdout)["steps"]
    assert [s["sql"] for s in plain] == [
        "DROP INDEX public.item_qty_idx;",
        "CREATE INDEX item_qty_idx ON public.item USING btree (qty);",
    ]
    assert plain[0]["hazards"] == []  # an INVALID index serves no query
    steps = _plan_json()["steps"]
    assert [(s["phase"], s["sql"]) for s in steps] == [
        (online.BEFORE, "DROP INDEX CONCURRENTLY public.item_qty_idx;"),
        (online.BEFORE, "CREATE INDEX CONCURRENTLY item_qty_idx ON public.item USING btree (qty);"),
    ]
    assert run("apply", "--online", "--yes").exit_code == 0
    _converged(target)


def test_a_rerun_rebuilds_the_invalid_index_a_cut_short_unique_build_left(target):
    """A unique key's index whose concurrent build was cut short is INVALID under the
    constraint's name: migra alone would adopt it `USING INDEX`, which PostgreSQL
    refuses ("index is not valid"); it is dropped and built again first."""
    writer = target.conn()
    writer.autocommit = False
    writer.execute("INSERT INTO item VALUES (0, 1, 'w', 1, 'w')")  # holds ROW EXCLUSIVE
    with target.conn() as conn:
        conn.execute("SET lock_timeout = '200ms'")
        with pytest.raises(psycopg.errors.LockNotAvailable):
            conn.execute("CREATE UNIQUE INDEX CONCURRENTLY item_code_key ON item (code)")
    writer.rollback()
    writer.close()
    assert target.leftovers() == ["invalid item_code_key"]
    target.desire(_desired("unique"))
    plain = json.loads(run("plan", "--format", "json").stdout)["steps"]
    assert [s["sql"] for s in plain] == [
        "DROP INDEX public.item_code_key;",
        "CREATE UNIQUE INDEX item_code_key ON public.item USING btree (code);",
        'alter table "public"."item" add constraint "item_code_key" UNIQUE using index'
        ' "item_code_key";',
    ]
    steps = _plan_json()["steps"]
    assert [(s["phase"], s["sql"]) for s in steps] == [
        (online.BEFORE, "DROP INDEX CONCURRENTLY public.item_code_key;"),
        (
            online.BEFORE,
            "CREATE UNIQUE INDEX CONCURRENTLY item_code_key ON public.item USING btree (code);",
        ),
        (online.CORE, plain[2]["sql"]),
    ]
    result = run("apply", "--online", "--yes")
    assert result.exit_code == 0, result.output
    _converged(target)


def test_a_rerun_finishes_what_a_committed_core_left_for_the_after_phase(target):
    """The state after the core committed and before the after phase ran: NOT VALID
    constraints and the helper CHECK, the retired index of a swap."""
    retired = online.old_index_name("public", "item_note_idx")
    with target.conn() as conn:
        conn.execute(
            "ALTER TABLE item ADD CONSTRAINT item_parent_fk FOREIGN KEY (parent_id)"
            " REFERENCES parent NOT VALID;"
            " ALTER TABLE item ADD CONSTRAINT item_qty_check CHECK (qty > 0) NOT VALID;"
            " ALTER TABLE item ADD CONSTRAINT schematool_nn_qty CHECK (qty IS NOT NULL) NOT VALID;"
            f" CREATE INDEX {retired} ON item (note);"
        )
    target.desire(DESIRED + KINDS["foreign_key"][0] + KINDS["check"][0] + KINDS["not_null"][0])
    steps = _plan_json()["steps"]
    assert {s["phase"] for s in steps} == {online.BEFORE, online.AFTER}  # no core left
    assert sorted(s["sql"] for s in steps if "VALIDATE" in s["sql"]) == [
        "ALTER TABLE public.item VALIDATE CONSTRAINT item_parent_fk;",
        "ALTER TABLE public.item VALIDATE CONSTRAINT item_qty_check;",
        "ALTER TABLE public.item VALIDATE CONSTRAINT schematool_nn_qty;",
    ]
    assert (online.BEFORE, f"DROP INDEX CONCURRENTLY public.{retired};") in [
        (s["phase"], s["sql"]) for s in steps
    ]
    result = run("apply", "--online", "--yes", "--allow-hazards", "index-dropped")
    assert result.exit_code == 0, result.output
    _converged(target)


def test_an_online_step_that_times_out_is_retried_and_names_its_blocker(target):
    """A writer's open transaction: CREATE INDEX CONCURRENTLY waits for it, under
    lock_timeout, and leaves an INVALID index each time it gives up; each retry drops
    that first (concurrently, waiting for the writer as well). Given up, the error says
    what is left; once the writer is gone, the rerun converges."""
    target.desire(_desired("index"))
    blocker = target.conn()
    blocker.autocommit = False
    blocker.execute("UPDATE item SET note = 'secret-note' WHERE id = 1")
    pid = blocker.info.backend_pid
    before = target.fingerprint()
    try:
        result = run("apply", "--online", "--yes", "--lock-timeout", "200ms", "--retries", "1")
        assert target.leftovers() == ["invalid item_qty_idx"]
    finally:
        blocker.rollback()
        blocker.close()
    assert result.exit_code == ExitCode.LOCK_TIMEOUT, result.output
    notes = [line for line in result.stderr.splitlines() if line.startswith("note: ")]
    assert len(notes) == 1 and notes[0].startswith("note: attempt 1 of 2 timed out: statement 1")
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: gave up after 2 attempt(s): statement 1 could not take")
    assert f"blocked by pid {pid} (" in last and "'***'" in last and "secret-note" not in last
    assert last.endswith(
        "its INVALID index public.item_qty_idx could not be dropped (the next apply drops it);"
        " the schema is otherwise as it was"
    )
    assert target.history() == [("online-before", "failed")]
    assert run("apply", "--online", "--yes").exit_code == 0
    _converged(target)
    assert target.fingerprint() != before


def test_what_online_mode_cannot_avoid_is_stated_on_its_step(target):
    """A type change and a volatile default rewrite the table under ACCESS EXCLUSIVE
    whatever the mode: their steps keep `blocking-lock` and say why online mode cannot
    avoid it; `USING INDEX` says it takes ACCESS EXCLUSIVE for a moment only."""
    target.desire(
        DESIRED.replace("qty int", "qty bigint")
        + "ALTER TABLE log ADD COLUMN stamp timestamptz DEFAULT clock_timestamp();"
        + KINDS["unique"][0]
    )
    steps = _plan_json()["steps"]
    by_sql = {s["sql"]: s for s in steps}
    rewrites = [s for s in steps if "blocking-lock" in {h["kind"] for h in s["hazards"]}]
    assert sorted(s["sql"] for s in rewrites) == [
        'alter table "public"."item" alter column "qty" set data type bigint'
        ' using "qty"::bigint;',
        'alter table "public"."log" add column "stamp" timestamp with time zone'
        " default clock_timestamp();",
    ]
    for step in rewrites:
        assert step["phase"] == online.CORE
        assert step["note"] == (
            "online mode cannot avoid this lock: PostgreSQL rewrites the table for it under"
            " ACCESS EXCLUSIVE"
        )
    (adopt,) = [s for s in by_sql if "USING INDEX" in s.upper()]
    assert by_sql[adopt]["phase"] == online.CORE
    assert by_sql[adopt]["note"].endswith("ACCESS EXCLUSIVE on public.item for a moment only")
    text = run("plan", "--online").stdout
    assert "online mode cannot avoid this lock" in text and "for a moment only" in text


def _needs_pg18(target: Target) -> None:
    if int(str(target.one("SHOW server_version_num"))) < 180000:
        pytest.skip("PostgreSQL 18's")


def test_a_not_valid_not_null_is_validated_after_the_core(target):
    """A NOT NULL constraint the target holds NOT VALID (PostgreSQL 18) and the schema
    files hold valid: VALIDATE CONSTRAINT after the core (no writer waits), not SET NOT
    NULL's scan under ACCESS EXCLUSIVE; the core's check accepts the flag it leaves."""
    _needs_pg18(target)
    with target.conn() as conn:
        conn.execute("ALTER TABLE item ADD CONSTRAINT item_qty_nn NOT NULL qty NOT VALID")
    target.desire(DESIRED.replace("qty int", "qty int CONSTRAINT item_qty_nn NOT NULL"))
    steps = _plan_json()["steps"]
    assert [(s["phase"], s["sql"]) for s in steps] == [
        (online.AFTER, "ALTER TABLE public.item VALIDATE CONSTRAINT item_qty_nn;")
    ]
    assert all(s["hazards"] == [] for s in steps)
    result = run("apply", "--online", "--yes")
    assert result.exit_code == 0, result.output
    _converged(target)


def test_a_temporal_key_is_added_in_the_core_saying_why_it_blocks(target):
    """No CREATE INDEX CONCURRENTLY can build a temporal key's index (a unique gist
    index): the key is added with its definition in the core, its lock explained."""
    _needs_pg18(target)
    with target.conn() as conn:
        conn.execute("CREATE EXTENSION btree_gist; ALTER TABLE log ADD COLUMN valid tstzrange")
    key = "ALTER TABLE log ADD CONSTRAINT log_key UNIQUE (id, valid WITHOUT OVERLAPS);"
    schema = "CREATE EXTENSION btree_gist;" + DESIRED.replace(
        "message text)", "message text, valid tstzrange)"
    )
    target.desire(schema + key)
    (step,) = _plan_json()["steps"]
    assert (step["phase"], step["sql"]) == (online.CORE, f"ALTER TABLE public.{key[12:]}")
    assert step["note"] == (
        "online mode cannot avoid this lock: a temporal key (WITHOUT OVERLAPS) cannot adopt"
        " an index built before"
    )
    result = run("apply", "--online", "--yes", "--allow-hazards", "blocking-lock")
    assert result.exit_code == 0, result.output
    _converged(target)


@pytest.mark.parametrize(
    ("made", "applied", "flag"),
    [((), ("--online",), "--no-online"), (("--online",), (), "--online")],
    ids=["plain-applied-online", "online-applied-plain"],
)
def test_a_saved_plan_applied_in_the_other_mode_is_a_usage_error_naming_the_flag(
    target, tmp_path, made, applied, flag
):
    target.desire(_desired("check"))
    saved = tmp_path / "saved.json"
    assert run("plan", *made, "--out", str(saved)).exit_code == 0
    before = target.fingerprint()
    refused = run("apply", *applied, "--yes", "--plan", str(saved))
    assert refused.exit_code == ExitCode.USAGE
    mode = "with" if made else "without"
    assert refused.stderr.strip() == (
        f"error: the saved plan was made {mode} --online: apply it with {flag},"
        " or make the plan again"
    )
    assert target.fingerprint() == before
    again = run("apply", flag, "--yes", "--allow-hazards", "all", "--plan", str(saved))
    assert again.exit_code == 0, again.output
    _converged(target)


def test_an_environment_with_online_true_plans_and_applies_online(target):
    (target.root / "pyproject.toml").write_text(
        '[tool.schematool]\nschema = "schema"\n\n'
        "[tool.schematool.environments.production]\nonline = true\n"
    )
    target.desire(_desired("not_null"))
    text = run("plan", "--env", "production")
    assert "== online, after" in text.stdout and "apply --online needs" in text.stdout
    assert run("plan", "--env", "production", "--no-online").stdout.count("==") == 0
    result = run("apply", "--env", "production", "--yes")
    assert result.exit_code == 0 and "online (0 before, 1 in the core, 3 after)" in result.stdout
    _converged(target)


# -- writers during the apply -------------------------------------------------------------


@dataclass
class Writes:
    done: int = 0
    errors: list[str] | None = None
    slowest: float = 0.0


@pytest.fixture
def writer(target) -> Iterator[Callable[[], Writes]]:
    """A writer inserting and updating single rows of item (valid ones: what the desired
    schema allows) until the test ends."""
    writes = Writes(errors=[])
    stop = threading.Event()

    def write() -> None:
        with db.connect(target.url, autocommit=True, application_name="writer") as conn:
            key = 1_000_000
            while not stop.is_set():
                key += 1
                started = time.monotonic()
                try:
                    conn.execute("INSERT INTO item VALUES (%s, 1, %s, 1, 'w')", (key, f"w{key}"))
                    conn.execute("UPDATE item SET note = 'u' WHERE id = %s", (key % ROWS + 1,))
                    conn.execute("INSERT INTO log VALUES (%s, 'w')", (key,))
                except psycopg.Error as error:
                    writes.errors.append(str(error))  # type: ignore[union-attr]
                writes.slowest = max(writes.slowest, time.monotonic() - started)
                writes.done += 1

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    try:
        yield lambda: writes
    finally:
        stop.set()
        thread.join(30)


def test_writers_running_during_the_apply_never_get_an_error(target, writer):
    target.desire(
        DESIRED
        + "".join(KINDS[k][0] for k in ("index", "unique", "foreign_key", "check", "not_null"))
        + KINDS["index_on_added_column"][0]
        + KINDS["primary_key"][0]
    )
    time.sleep(0.2)
    result = run("apply", "--online", "--yes", "--lock-timeout", "2s")
    writes = writer()
    assert result.exit_code == 0, result.output
    assert writes.errors == [] and writes.done > 0
    again = run("plan", "--exit-code")
    assert again.exit_code == ExitCode.OK, again.output
    assert target.leftovers() == []
