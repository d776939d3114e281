"""keep_scratch: an unchanged desired schema is loaded once and reused."""

from __future__ import annotations

import os
import secrets
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from schematool import db
from schematool.desired import database as desired_stage
from schematool.desired import scratch
from schematool.diff import adapter
from schematool.errors import ConfigError
from schematool.inspect import catalog
from schematool.project.config import Settings, load_settings
from schematool.project.server import LocalServer, embedded_bindir
from tests import safety_procs as procs
from tests.conftest import server_home
from tests.helpers import PYPROJECT, make_project, run, write

ROOT = Path(__file__).resolve().parent.parent

KEEPING = PYPROJECT.replace('schema = "schema"\n', 'schema = "schema"\nkeep_scratch = true\n')


def _kept(url: str) -> dict[str, int]:
    with db.connect(url) as conn:
        rows = conn.execute(
            "SELECT datname, oid::int FROM pg_database WHERE datname LIKE %s",
            (scratch.KEPT_PREFIX + "%",),
        ).fetchall()
    return dict(rows)


def _of_project(url: str, project: str) -> dict[str, bool]:
    """The project's kept databases: name -> invalid."""
    with db.connect(url) as conn:
        rows = conn.execute(
            "SELECT datname, shobj_description(oid, 'pg_database'), datconnlimit = -2"
            " FROM pg_database WHERE starts_with(datname, %s)",
            (scratch.KEPT_PREFIX,),
        ).fetchall()
    found = {name: (scratch.parse_kept(comment), invalid) for name, comment, invalid in rows}
    return {name: invalid for name, (k, invalid) in found.items() if k and k.project == project}


def _invalid(url: str) -> list[str]:
    with db.connect(url) as conn:
        rows = conn.execute("SELECT datname FROM pg_database WHERE datconnlimit = -2").fetchall()
    return [r[0] for r in rows]


def _settles(condition, what: str, timeout: float = 90) -> None:
    """Pruning runs in a detached process nobody waits for: poll until it has done."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{what} did not happen within {timeout}s"
        time.sleep(0.2)


def test_kept_desired_schema_is_reused_replaced_and_cleaned(tmp_path, monkeypatch, pg, new_db):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", new_db())
    # a schema no other test keeps: its kept database is made here
    unique = f"CREATE TABLE t (id int);\nCOMMENT ON TABLE t IS '{secrets.token_hex(8)}';\n"
    make_project(tmp_path, {"t.sql": unique}, KEEPING)
    run("render")
    before = set(_kept(pg.url))
    assert run("plan").exit_code == 0
    first = {k: v for k, v in _kept(pg.url).items() if k not in before}
    assert len(first) == 1
    assert run("apply", "--yes").exit_code == 0
    assert run("plan", "--exit-code").exit_code == 0
    assert {k: v for k, v in _kept(pg.url).items() if k not in before} == first  # reused
    write(tmp_path / "templates/t.sql", unique.replace("(id int)", "(id int, n text)"))
    run("render")
    assert run("plan", "--exit-code").exit_code == 3
    second = {k: v for k, v in _kept(pg.url).items() if k not in before}
    assert len(second) == 2 and set(first) < set(second)
    result = run("clean")
    assert result.exit_code == 0
    assert not set(_kept(pg.url)) & set(second)


def test_at_most_a_few_kept_schemas_stay_per_project(tmp_path, monkeypatch, pg, new_db):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", new_db())
    make_project(tmp_path, {"t.sql": "CREATE TABLE t (id int);\n"}, KEEPING)
    for n in range(scratch.KEEP + 2):
        write(tmp_path / "templates/t.sql", f"CREATE TABLE t{n} (id int);\n")
        run("render")
        assert run("plan").exit_code == 0
    key = load_settings(tmp_path).project_key
    _settles(lambda: len(_of_project(pg.url, key)) <= scratch.KEEP, "pruning")
    assert len(_of_project(pg.url, key)) <= scratch.KEEP


def test_a_kept_schema_in_use_is_never_dropped_to_make_room(tmp_path, monkeypatch, pg, new_db):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", new_db())
    make_project(tmp_path, {"t.sql": f"CREATE TABLE t{secrets.token_hex(4)} (id int);\n"}, KEEPING)
    run("render")
    before = set(_kept(pg.url))
    assert run("plan").exit_code == 0
    [mine] = set(_kept(pg.url)) - before
    with db.connect(db.with_database(pg.url, mine)):  # a run still using it
        for n in range(scratch.KEEP + 1):
            write(tmp_path / "templates/t.sql", f"CREATE TABLE u{n} (id int);\n")
            run("render")
            assert run("plan").exit_code == 0
        assert mine in _kept(pg.url)


def test_the_recorded_snapshot_of_a_kept_schema_is_its_catalog(tmp_path, monkeypatch, pg, new_db):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", new_db())
    schema = (ROOT / "schema").glob("**/*.sql")
    for path in sorted(schema):
        write(tmp_path / "schema" / path.relative_to(ROOT / "schema"), path.read_text())
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.schematool]\nschema = "schema"\nkeep_scratch = true\n'
        f'exclude_schemas = ["x_{secrets.token_hex(3)}"]\n'  # a key no other test keeps
    )
    before = set(_kept(pg.url))
    assert run("plan").exit_code == 0, run("plan").output
    [kept] = set(_kept(pg.url)) - before
    settings = load_settings(tmp_path)
    desired = desired_stage.DesiredDatabase(
        db.with_database(pg.url, kept), settings.excluded_schemas
    )
    with db.connect(desired.url, autocommit=True) as conn:
        recorded = desired_stage._recorded_snapshot(conn)
        assert recorded == catalog.snapshot(conn, settings.excluded_schemas)
        assert recorded["table"]  # the platform schema, not an empty one


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("postgresql://u:p@localhost:5432/d", True),
        ("postgresql://u:p@127.0.0.1/d", True),
        ("postgresql://u:p@[::1]:5432/d", True),
        ("postgresql:///d?host=/var/run/postgresql", True),
        ("postgresql://u:p@db.example.com:5432/d", False),
        ("postgresql://u:p@10.0.0.5/d", False),
        ("postgresql:///d?host=localhost,db.example.com", False),
    ],
)
def test_only_a_server_on_this_machine_keeps_by_default(url, local, tmp_path):
    assert db.is_local(url) is local
    settings = Settings(tmp_path, tmp_path / "templates", tmp_path / "schema")
    assert desired_stage.keeps_scratch(settings, url) is local
    assert desired_stage.keeps_scratch(replace(settings, scratch_url=url), url) is True
    assert desired_stage.keeps_scratch(replace(settings, keep_scratch=False), url) is False


# -- kept databases shared by projects, runs and admins -------------------------------------


def _schema_project(root: Path, body: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(
        '[tool.schematool]\nschema = "schema"\nkeep_scratch = true\n'
    )
    write(root / "schema" / "t.sql", body)
    return root


def _env(url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": url, "NO_COLOR": "1"}


def test_projects_sharing_a_server_do_not_evict_each_others_kept_schemas(tmp_path, pg, new_db):
    url = new_db()
    other = _schema_project(
        tmp_path / "other", f"CREATE TABLE o_{secrets.token_hex(4)} (id int);\n"
    )
    made = procs.start(["plan"], cwd=other, env=_env(url), logs=tmp_path / "logs")
    assert made.wait() == 0, made.stderr
    theirs = set(_of_project(pg.url, load_settings(other).project_key))
    assert len(theirs) == 1
    busy = tmp_path / "busy"
    for n in range(scratch.KEEP + 2):  # builds more than one project may keep
        _schema_project(busy, f"CREATE TABLE b{n}_{secrets.token_hex(4)} (id int);\n")
        planned = procs.start(["plan"], cwd=busy, env=_env(url), logs=tmp_path / "logs")
        assert planned.wait() == 0, planned.stderr
    key = load_settings(busy).project_key
    _settles(lambda: len(_of_project(pg.url, key)) <= scratch.KEEP, "the busy project's pruning")
    assert theirs <= set(_of_project(pg.url, load_settings(other).project_key))
    again = procs.start(["plan"], cwd=other, env=_env(url), logs=tmp_path / "logs")
    assert again.wait() == 0, again.stderr


def test_plans_of_different_schemas_in_parallel_against_one_server_all_succeed(
    tmp_path, pg, new_db
):
    """Three projects (two of them sharing one schema, so one kept name) plan new schemas
    at once, round after round: each round builds, keeps and prunes while the others
    choose, connect to and use theirs."""
    url = new_db()
    token = secrets.token_hex(4)
    roots = [tmp_path / f"p{i}" for i in range(3)]
    for rnd in range(3):
        clis = []
        for i, root in enumerate(roots):
            shared = min(i, 1)  # p1 and p2 plan the same schema
            body = f"CREATE TABLE r{rnd}_{shared}_{token} (id int);\n"
            _schema_project(root, body)
            clis.append(procs.start(["plan"], cwd=root, env=_env(url), logs=tmp_path / "logs"))
        codes = [cli.wait() for cli in clis]
        assert codes == [0, 0, 0], [cli.stderr for cli in clis]
    keys = [load_settings(root).project_key for root in roots]
    _settles(lambda: all(len(_of_project(pg.url, key)) <= scratch.KEEP for key in keys), "pruning")
    assert not set(_invalid(pg.url)) & {n for key in keys for n in _of_project(pg.url, key)}
    for root in roots:  # and later runs of each succeed
        later = procs.start(
            ["plan", "--exit-code"], cwd=root, env=_env(url), logs=tmp_path / "logs"
        )
        assert later.wait() == 3, later.stderr  # the schema differs from the empty target


def test_dropping_the_target_while_pruning_leaves_no_half_dropped_database(tmp_path, pg):
    """Pruning runs from the maintenance database: an admin (or a test harness) dropping
    the target with FORCE, which ends every session on it, does not stop it mid-drop."""
    target = "prune_target_" + secrets.token_hex(4)
    with db.connect(pg.url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{target}"')
    url = db.with_database(pg.url, target)
    root = _schema_project(tmp_path / "p", f"CREATE TABLE t_{secrets.token_hex(4)} (id int);\n")
    key = load_settings(root).project_key
    old = [scratch.KEPT_PREFIX + secrets.token_hex(16) for _ in range(scratch.KEEP + 3)]
    with db.connect(pg.url, autocommit=True) as conn:
        for n, name in enumerate(old):  # older kept schemas of this project, to be pruned
            conn.execute(f'CREATE DATABASE "{name}"')
            made = f"2001-01-0{n + 1}T00:00:00.000000+00:00"
            comment = f"{scratch.KEPT_MARKER} project {key}; made {made}; fp{n}"
            conn.execute(f"COMMENT ON DATABASE \"{name}\" IS '{comment}'")
        planned = procs.start(["plan"], cwd=root, env=_env(url), logs=tmp_path / "logs")
        # the moment a DROP DATABASE of one of them runs, drop the target
        procs.wait_until(
            lambda: conn.execute(
                "SELECT count(*) > 0 FROM pg_stat_activity WHERE query ILIKE 'DROP DATABASE%%'"
                " AND query LIKE %s AND state = 'active'",
                (f"%{scratch.KEPT_PREFIX}%",),
            ).fetchone()[0],
            "pruning to start",
            120,
        )
        conn.execute(f'DROP DATABASE "{target}" WITH (FORCE)')
        assert planned.wait() == 0, planned.stderr
    # settled: pruned to KEEP, and no drop under way (another test's run on this shared
    # server may be pruning this project's old schemas too, under the per-server bound:
    # a database is marked invalid for as long as its DROP DATABASE runs); one left
    # invalid for good would never settle
    _settles(
        lambda: len(kept := _of_project(pg.url, key)) <= scratch.KEEP and not any(kept.values()),
        "pruning",
    )
    kept = _of_project(pg.url, key)
    assert not any(kept.values()) and not set(_invalid(pg.url)) & set(old)
    assert set(old[: len(old) + 1 - scratch.KEEP]).isdisjoint(kept)  # the oldest went
    with db.connect(pg.url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{target}"')
    try:
        again = procs.start(["plan"], cwd=root, env=_env(url), logs=tmp_path / "logs")
        assert again.wait() == 0, again.stderr
    finally:
        with db.connect(pg.url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')


def _pruners(monkeypatch) -> list:
    """The detached pruning processes the runs start from now on, to be waited for where
    a test's next step must not race one (a pruner holds a name's lock while it drops)."""
    started = []
    real = scratch._prune_in_background
    monkeypatch.setattr(
        scratch, "_prune_in_background", lambda *a: started.append(real(*a)) or started[-1]
    )
    return started


def _pruned(started: list, url: str) -> None:
    """Every pruner started here has ended, and none of an earlier test is connected."""
    while started:
        started.pop().wait(timeout=90)

    def idle() -> bool:
        with db.connect(url) as conn:
            query = "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s"
            return conn.execute(query, (scratch.PRUNE_APPLICATION,)).fetchone()[0] == 0

    _settles(idle, "earlier pruning")


def test_a_kept_schema_found_invalid_is_rebuilt_and_clean_drops_invalid_ones(
    tmp_path, monkeypatch, pg, new_db
):
    monkeypatch.chdir(tmp_path)
    pruners = _pruners(monkeypatch)
    monkeypatch.setenv("DATABASE_URL", new_db())
    make_project(tmp_path, {"t.sql": f"CREATE TABLE i_{secrets.token_hex(4)} (id int);\n"}, KEEPING)
    run("render")
    key = load_settings(tmp_path).project_key
    assert run("plan").exit_code == 0
    [mine] = _of_project(pg.url, key)
    # the build's pruner, started late on a busy machine, would hold the name's lock while
    # it drops the database made invalid below: the next run would then (rightly) use a
    # copy of its own and keep none
    _pruned(pruners, pg.url)
    with db.connect(pg.url, autocommit=True) as conn:
        # what a DROP DATABASE that was killed half way leaves (PostgreSQL 15.4+)
        conn.execute("UPDATE pg_database SET datconnlimit = -2 WHERE datname = %s", (mine,))
    before = _kept(pg.url)[mine]
    replanned = run("plan")
    assert replanned.exit_code == 0, replanned.output
    _pruned(pruners, pg.url)
    assert _of_project(pg.url, key) == {mine: False}  # rebuilt under its name, valid
    assert _kept(pg.url)[mine] != before
    with db.connect(pg.url, autocommit=True) as conn:
        conn.execute("UPDATE pg_database SET datconnlimit = -2 WHERE datname = %s", (mine,))
    cleaned = run("clean")
    assert cleaned.exit_code == 0, cleaned.output
    assert f"dropped {mine}" in cleaned.stdout
    assert mine not in _kept(pg.url)
    assert run("plan").exit_code == 0  # gone: the next run builds it again
    assert _of_project(pg.url, key) == {mine: False}


def test_a_kept_schema_a_run_has_chosen_is_never_dropped(tmp_path, monkeypatch, pg, new_db):
    """Between choosing a kept database and connecting to it, a run holds an advisory lock
    on its name (on the maintenance database); pruning and clean leave it alone."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", new_db())
    make_project(tmp_path, {"t.sql": f"CREATE TABLE c_{secrets.token_hex(4)} (id int);\n"}, KEEPING)
    run("render")
    key = load_settings(tmp_path).project_key
    assert run("plan").exit_code == 0
    [mine] = _of_project(pg.url, key)
    with scratch.maintenance(pg.url) as chooser:  # a run that has chosen it, not yet connected
        chooser.lock_shared(mine)
        assert run("clean").exit_code == 0
        assert scratch.prune_kept(pg.url, key, scratch.Bound(0, 10**6, 2**60)) == []
        assert mine in _kept(pg.url)
    cleaned = run("clean")
    assert f"dropped {mine}" in cleaned.stdout


def test_plan_imports_the_diff_while_the_desired_schema_loads(tmp_path, monkeypatch, new_db):
    """desired_database runs what its caller passes on a thread during the load: plan
    passes the diff's preload, so migra's import overlaps the server's work."""
    seen: list[str] = []
    monkeypatch.setattr(adapter, "preload", lambda: seen.append(threading.current_thread().name))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", new_db())
    unique = f"CREATE TABLE t (id int);\nCOMMENT ON TABLE t IS '{secrets.token_hex(8)}';\n"
    make_project(tmp_path, {"t.sql": unique}, KEEPING)
    run("render")
    assert run("plan").exit_code == 0
    assert seen == ["schematool-preload"]


# -- clean per project, and the bound on kept databases per server ---------------------------


@pytest.fixture
def own_server() -> Iterator[str]:
    """A server of the test's own (its superuser URL): what `clean --all` and a small bound
    drop on a server would otherwise be the kept databases other tests are reusing."""
    home = server_home("schematool-test-kept-bound-")
    local = LocalServer(root=home / "pg", bindir=embedded_bindir(), fast=True)
    try:
        url = local.start()
        with db.connect(url, autocommit=True) as conn:
            conn.execute("CREATE DATABASE target")
        yield url
    finally:
        local.stop()
        shutil.rmtree(home, ignore_errors=True)


def _bounded_project(root: Path, body: str, bound: str = "") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(
        f'[tool.schematool]\nschema = "schema"\nkeep_scratch = true\n{bound}'
    )
    write(root / "schema" / "t.sql", body)
    return root


def _plan_in(root: Path, monkeypatch, pruners: list, server: str) -> None:
    """Plan in the project's folder and wait for the pruner the plan started, if any."""
    monkeypatch.chdir(root)
    planned = run("plan")
    assert planned.exit_code == 0, planned.output
    _pruned(pruners, server)


def test_clean_drops_only_this_projects_kept_schemas_unless_all(tmp_path, monkeypatch, own_server):
    monkeypatch.setenv("DATABASE_URL", db.with_database(own_server, "target"))
    pruners = _pruners(monkeypatch)
    one = _bounded_project(tmp_path / "one", "CREATE TABLE one (id int);\n")
    two = _bounded_project(tmp_path / "two", "CREATE TABLE two (id int);\n")
    for root in (one, two):
        _plan_in(root, monkeypatch, pruners, own_server)
    [ones] = _of_project(own_server, load_settings(one).project_key)
    [twos] = _of_project(own_server, load_settings(two).project_key)
    monkeypatch.chdir(one)
    listed = run("clean", "--dry-run")
    assert listed.exit_code == 0, listed.output
    assert f"would drop {ones} (" in listed.stdout and "kept for this project" in listed.stdout
    assert twos not in listed.stdout.split("\n")[0]
    assert "nothing was dropped" in listed.stdout
    assert {ones, twos} <= set(_kept(own_server))  # a dry run drops nothing
    cleaned = run("clean")
    assert cleaned.exit_code == 0, cleaned.output
    assert f"dropped {ones}" in cleaned.stdout and twos not in cleaned.stdout
    assert "left 1 kept database(s) of other projects" in cleaned.stdout
    assert set(_kept(own_server)) == {twos}
    every = run("clean", "--all")
    assert every.exit_code == 0, every.output
    assert f"dropped {twos}" in every.stdout
    assert _kept(own_server) == {}


@pytest.mark.parametrize(("folders", "most"), [(6, 3), pytest.param(25, 5, marks=pytest.mark.slow)])
def test_kept_schemas_of_many_folders_are_bounded_per_server_least_recently_used_first(
    folders, most, tmp_path, monkeypatch, own_server
):
    """Plans from fresh folders (CI workspaces, worktrees, temporary deploy folders)
    against one server holding at most `most` kept databases: what stays is the `most`
    most recently used (among them the second one made, used again and again), and the
    first one made, which a run is connected to all along."""
    monkeypatch.setenv("DATABASE_URL", db.with_database(own_server, "target"))
    pruners = _pruners(monkeypatch)
    bound = f"keep_scratch_max_count = {most}\n"
    roots = [
        _bounded_project(tmp_path / f"p{n}", f"CREATE TABLE t{n} (id int);\n", bound)
        for n in range(folders)
    ]
    _plan_in(roots[0], monkeypatch, pruners, own_server)
    [busy] = _kept(own_server)
    _plan_in(roots[1], monkeypatch, pruners, own_server)
    [(reused, oid)] = {k: v for k, v in _kept(own_server).items() if k != busy}.items()
    with db.connect(db.with_database(own_server, busy)):  # a run using it all along
        for n, root in enumerate(roots[2:], 2):
            _plan_in(root, monkeypatch, pruners, own_server)
            if n % (most - 2) == 0:  # p1 used again, before `most` builds pass it by
                _plan_in(roots[1], monkeypatch, pruners, own_server)
        assert _kept(own_server)[reused] == oid  # made second, never dropped: used lately
        kept = {_marker(own_server, name).project for name in _kept(own_server)}
    expected = [roots[0], roots[1], *roots[folders - most + 1 :]]
    assert kept == {load_settings(root).project_key for root in expected}


def test_kept_schemas_are_bounded_by_their_total_size(tmp_path, monkeypatch, own_server):
    monkeypatch.setenv("DATABASE_URL", db.with_database(own_server, "target"))
    pruners = _pruners(monkeypatch)
    first = _bounded_project(tmp_path / "first", "CREATE TABLE first (id int);\n")
    _plan_in(first, monkeypatch, pruners, own_server)
    [name] = _kept(own_server)
    with db.connect(own_server) as conn:
        (size,) = conn.execute("SELECT pg_database_size(%s)", (name,)).fetchone()
    bound = f"keep_scratch_max_size = {int(size * 2.5)}\n"  # room for two of them
    roots = [
        _bounded_project(tmp_path / f"p{n}", f"CREATE TABLE t{n} (id int);\n", bound)
        for n in range(4)
    ]
    for root in roots:
        _plan_in(root, monkeypatch, pruners, own_server)
    kept = {_marker(own_server, name).project for name in _kept(own_server)}
    assert kept == {load_settings(root).project_key for root in roots[-2:]}


def test_a_plan_that_reads_a_kept_schema_records_its_use(tmp_path, monkeypatch, own_server):
    monkeypatch.setenv("DATABASE_URL", db.with_database(own_server, "target"))
    pruners = _pruners(monkeypatch)
    root = _bounded_project(tmp_path / "p", "CREATE TABLE t (id int);\n")
    _plan_in(root, monkeypatch, pruners, own_server)
    [name] = _kept(own_server)
    made = _marker(own_server, name)
    _plan_in(root, monkeypatch, pruners, own_server)
    used = _marker(own_server, name)
    assert (used.project, used.made, used.note) == (made.project, made.made, made.note)
    assert used.last_use > made.last_use


def _marker(url: str, name: str) -> scratch.Kept:
    with db.connect(url) as conn:
        (comment,) = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            (name,),
        ).fetchone()
    return scratch.parse_kept(comment)


@pytest.mark.parametrize(
    ("value", "size"),
    [("2GB", 2 * 1024**3), ("500MB", 500 * 1024**2), ("1.5 GB", 3 * 1024**3 // 2), (1000, 1000)],
)
def test_the_size_bound_on_kept_schemas_reads_sizes_as_postgresql_spells_them(
    tmp_path, value, size
):
    spelled = f'"{value}"' if isinstance(value, str) else value
    (tmp_path / "pyproject.toml").write_text(
        f"[tool.schematool]\nkeep_scratch_max_size = {spelled}\n"
    )
    assert load_settings(tmp_path, connect=False).keep_scratch_max_size == size


@pytest.mark.parametrize("value", ['"2G"', '"lots"', "-1", '"-1GB"', "true"])
def test_a_size_bound_that_is_no_size_is_a_config_error(tmp_path, value):
    (tmp_path / "pyproject.toml").write_text(
        f"[tool.schematool]\nkeep_scratch_max_size = {value}\n"
    )
    with pytest.raises(ConfigError, match="keep_scratch_max_size must be a size"):
        load_settings(tmp_path, connect=False)
