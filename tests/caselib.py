"""Diff cases: `tests/cases/<name>/{current.sql, desired.sql, expected.sql, case.toml}`.

Shared by the case tests and `scripts/cases.py` (which regenerates expected.sql and
compares schematool with raw migra).
"""

from __future__ import annotations

import secrets
import tomllib
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from schematool import db
from schematool.apply import run as apply
from schematool.apply.runner import ApplyOptions, Observer
from schematool.desired import database as desired_stage
from schematool.desired import load
from schematool.desired.annotations import read as read_annotations
from schematool.desired.database import DesiredDatabase
from schematool.diff import adapter
from schematool.errors import LoadError
from schematool.inspect import unmanaged
from schematool.plan import planner as plan
from schematool.plan.model import Plan
from schematool.project.config import Settings
from schematool.project.files import SchemaFile

CASES = Path(__file__).resolve().parent / "cases"


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    meta: dict

    @property
    def current(self) -> str:
        return (self.folder / "current.sql").read_text()

    @property
    def desired(self) -> str:
        return (self.folder / "desired.sql").read_text()

    def expected_for(self, version: int) -> Path:
        """expected.pg<N>.sql where that server prints the plan differently (view
        definitions, extension versions, PG17+ syntax), else expected.sql (PostgreSQL 18)."""
        own = self.folder / f"expected.pg{version}.sql"
        return own if own.exists() else self.expected_path

    @property
    def expected_path(self) -> Path:
        return self.folder / "expected.sql"

    def known_gap(self, version: int) -> str | None:
        """Why schematool does not yet converge on this case on that server version
        (`[schematool_gap] pg15 = "..."` in case.toml); its test is then a strict xfail."""
        return self.meta.get("schematool_gap", {}).get(f"pg{version}")

    @property
    def requires(self) -> tuple[str, ...]:
        """What the server must be built with or be (`requires = ["icu"]`, `["pg18"]`)."""
        return tuple(self.meta.get("requires", ()))

    def known_dump_difference(self, version: int) -> str | None:
        """Why pg_dump of the applied target still differs from the desired schema's,
        on purpose (`[pg_dump_differs] pg18 = "..."`: column order, which no plan can
        change without rebuilding the table); the test then asserts that it differs."""
        return self.meta.get("pg_dump_differs", {}).get(f"pg{version}")

    @property
    def backward_excuse(self) -> str | None:
        """Why the case cannot run from desired to current by design (`backward_skip =
        "..."`: a rename annotation only reads forward, a conversion only goes one way)."""
        return self.meta.get("backward_skip")

    def backward_gap(self, version: int) -> str | None:
        """Why schematool does not yet converge from desired to current on that server
        (`[backward_gap] pg15 = "..."`): a finding; the backward run must then fail."""
        return self.meta.get("backward_gap", {}).get(f"pg{version}")

    def backward_dump_difference(self, version: int) -> str | None:
        """Why pg_dump still differs backwards, on purpose (`[backward_pg_dump_differs]`:
        a column the backward plan adds goes last, where current.sql has it earlier)."""
        return self.meta.get("backward_pg_dump_differs", {}).get(f"pg{version}")

    def rows(self, direction: str) -> str | None:
        """Rows inserted into the target before the plan (`rows.sql` forward,
        `rows.backward.sql` from desired to current), compared after the apply."""
        path = self.folder / ("rows.sql" if direction == "forward" else "rows.backward.sql")
        return path.read_text() if path.exists() else None


def all_cases() -> list[Case]:
    return [
        Case(
            p.name,
            p,
            tomllib.loads((p / "case.toml").read_text()) if (p / "case.toml").exists() else {},
        )
        for p in sorted(CASES.iterdir())
        if (p / "desired.sql").exists()
    ]


def is_quick(case: Case, cases: list[Case]) -> bool:
    """The quick suite runs the first case of every kind (the name's first word); the
    whole corpus runs with `pytest -m corpus`."""
    kind = case.name.split("_", 1)[0]
    same_kind = [c.name for c in cases if c.name.split("_", 1)[0] == kind]
    return case.name in same_kind[:1]


def lacks(url: str, requirement: str) -> bool:
    """Whether the server at `url` lacks a build feature a case requires ("icu"), or is
    older than the version it requires ("pg18": syntax and catalogs of PostgreSQL 18)."""
    if requirement.startswith("pg") and requirement[2:].isdigit():
        with db.connect(url, autocommit=True) as conn:
            return db.server_version(conn) < int(requirement[2:])
    if requirement != "icu":
        raise ValueError(f"unknown case requirement {requirement!r}")
    with db.connect(url, autocommit=True) as conn:
        try:
            with conn.transaction(force_rollback=True):
                conn.execute("CREATE COLLATION pg_temp.probe (provider = icu, locale = 'und')")
        except psycopg.errors.FeatureNotSupported:
            return True
    return False


def settings_for(root: Path) -> Settings:
    return Settings(root=root, templates_dir=root / "templates", schema_dir=root / "schema")


def load_sql(url: str, name: str, text: str) -> None:
    """Load SQL as it is: the current state of a case."""
    with db.connect(url, autocommit=True) as conn:
        load.load(conn, [SchemaFile(name, text)])


def refuses(url: str, case: Case, current_url: str | None = None) -> bool:
    """Whether the server lacks what the case requires; it must then refuse to load the
    desired schema, or (given `current_url`, an empty database) the current state: a
    case that drops a newer server's feature holds it in current.sql only (asserted),
    so that the case says so instead of being skipped."""
    missing = [r for r in case.requires if lacks(url, r)]
    if not missing:
        return False
    try:
        load_desired(url, case.desired)
        if current_url is not None:
            load_sql(current_url, "current.sql", case.current)
    except LoadError as error:
        # an older server does not know the syntax; a build without ICU says so
        assert "not supported" in str(error) or all(r.startswith("pg") for r in missing), error
        return True
    raise AssertionError(f"the server lacks {missing} but loaded {case.name} anyway")


def load_desired(url: str, text: str) -> None:
    """Load SQL as the desired state, exactly as plan and apply prepare their scratch database."""
    desired_stage.load_desired(url, [SchemaFile("desired.sql", text)])


def plan_case(
    settings: Settings,
    current_url: str,
    desired_url: str,
    desired_sql: str = "",
    files: tuple[SchemaFile, ...] = (),
) -> Plan:
    """The plan from the case's current to its desired database. `desired_sql` is the
    text loaded as desired.sql (or `files`, the schema files loaded): its annotations
    and rename statements reach planning exactly as those of real schema files do (read
    with the files, carried by the DesiredDatabase)."""
    if desired_sql:
        files = (SchemaFile("desired.sql", desired_sql),)
    with adapter.target_session(current_url, one_snapshot=True) as target:
        try:
            desired = DesiredDatabase(
                desired_url,
                settings.excluded_schemas,
                annotations=read_annotations(files),
                files=files,
            )
            return plan.plan_changes(settings, target, desired, "case", current_url)
        finally:
            target.conn.rollback()


def apply_case(
    settings: Settings,
    current_url: str,
    desired_url: str,
    made: Plan,
    observe: Observer | None = None,
) -> None:
    """Apply the plan; raises NotConverged/ApplyError when the result is not the desired
    schema. `observe` is called on the apply's transaction just before it commits."""
    options = ApplyOptions(allowed_hazards=frozenset(), retries=0, observe=observe)
    with db.connect(current_url, autocommit=True) as conn:
        from schematool.apply import history

        history.ensure_table(conn)
    desired = DesiredDatabase(desired_url, settings.excluded_schemas)
    apply.run_plan(settings, current_url, desired, made, options)


class Databases:
    """Throwaway databases on one server, made and dropped over one connection (a case
    makes three, one of them a copy of another: cheaper than loading its SQL again)."""

    def __init__(self, server_url: str) -> None:
        self.server_url = server_url
        self.conn = db.connect(server_url, autocommit=True)
        self.made: list[str] = []

    def new(self, template: str | None = None) -> str:
        """A new database: empty (template0), or a copy of the database at `template`,
        which nobody may be connected to (PostgreSQL waits up to 5 s for sessions that
        are ending)."""
        name = "t_" + secrets.token_hex(5)
        source = "template0" if template is None else db.database_of(template)
        self.conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {} STRATEGY FILE_COPY").format(
                sql.Identifier(name), sql.Identifier(source)
            )
        )
        self.made.append(name)
        return db.with_database(self.server_url, name)

    def close(self) -> None:
        try:
            for name in self.made:
                self.conn.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
        finally:
            self.conn.close()

    def __enter__(self) -> Databases:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def unmanaged_in(url: str, excluded: tuple[str, ...]) -> list[str]:
    """Objects of kinds no plan manages (a desired schema holding one is refused)."""
    with db.connect(url, autocommit=True) as conn:
        return [str(item) for item in unmanaged.find(conn, excluded)]
