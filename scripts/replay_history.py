"""Replay a migration history as consecutive plan/apply pairs and print the convergence rate.

    python scripts/replay_history.py tests/histories/audiobooks          # PostgreSQL 18
    python scripts/replay_history.py tests/histories/audiobooks --pg15   # the system's 15
    python scripts/replay_history.py HISTORY --mode migrations --min-rate 0.9

A history is a folder of ordered migrations (`NNN_description.sql`). For step k the
desired schema is migrations 1..k, given to schematool as its schema files (loaded the
way plan and apply load them), and the reference is a fresh database into which psql ran
migrations 1..k. Each step is applied with every hazard allowed, then a normalized
`pg_dump --schema-only` of the target is compared with the reference's. Two targets
answer two questions:

  migrations  the database psql built from migrations 1..k-1: can schematool take a
              database from any one state of the history to the next? (what an outside
              measurement of real projects' histories does)
  chain       the database schematool itself left at step k-1: does a project that only
              ever used schematool stay converged? (a failed step is carried into the next)

Each step is `converged`, `apply failed` (with the message), `load failed` (the desired
schema does not load) or `pg_dump differs` (with the first differing lines). The exit
code is 1 when a mode's rate is below --min-rate. Starts its own server like
scripts/cases.py: the embedded PostgreSQL 18, or the system PostgreSQL 15 with --pg15;
$SCHEMATOOL_TEST_DATABASE_URL (a superuser URL) names a server to use instead, with its
psql and pg_dump on PATH.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from psycopg import sql  # noqa: E402

from schematool import db  # noqa: E402
from schematool.desired.database import load_desired  # noqa: E402
from schematool.errors import SchemaToolError  # noqa: E402
from schematool.project.files import SchemaFile  # noqa: E402
from schematool.project.server import LocalServer, embedded_bindir  # noqa: E402
from tests import caselib, pgdump  # noqa: E402
from tests.conftest import PG15_BINDIR, Server, _prepare_cluster, server_home  # noqa: E402

MODES = ("migrations", "chain")
CONVERGED = "converged"


@dataclass(frozen=True)
class Step:
    number: int
    name: str  # the migration's file name without .sql
    mode: str
    outcome: str  # converged, apply failed, load failed, pg_dump differs
    detail: list[str] = field(default_factory=list)
    inherited: bool = False  # chain: the same differences the step before left

    @property
    def converged(self) -> bool:
        return self.outcome == CONVERGED


@dataclass(frozen=True)
class Rate:
    mode: str
    converged: int
    steps: int

    @property
    def value(self) -> float:
        return self.converged / self.steps if self.steps else 1.0

    def __str__(self) -> str:
        return f"{self.mode}: {self.converged}/{self.steps} steps converged ({100 * self.value:.1f}%)"


def migrations(history: Path) -> list[Path]:
    """The history's migrations in order (their names sort in the order they ran)."""
    found = sorted(p for p in history.glob("*.sql") if p.is_file())
    if not found:
        raise SystemExit(f"error: {history} holds no .sql migrations")
    return found


def rates(steps: list[Step], modes: tuple[str, ...]) -> list[Rate]:
    return [
        Rate(mode, sum(s.converged for s in steps if s.mode == mode), sum(s.mode == mode for s in steps))
        for mode in modes
    ]


def replay(
    server: Server, history: Path, modes: tuple[str, ...] = MODES, show: Callable[[Step], None] = lambda s: None
) -> list[Step]:
    """Every step of the history in every mode, each shown as soon as it is known."""
    files = migrations(history)
    databases = _Databases(server)
    home = Path(tempfile.mkdtemp(prefix="schematool-replay-"))
    settings = caselib.settings_for(home)
    steps: list[Step] = []
    try:
        state = databases.create("state")  # migrations 1..k run by psql: the reference
        chain = databases.create("chain") if "chain" in modes else None
        left: list[str] = []  # chain: the differences the previous step left
        for number, path in enumerate(files, 1):
            previous = databases.create("target", template=state) if "migrations" in modes else None
            _psql(server, state, path)
            desired = databases.create("desired")
            schema = [SchemaFile(f.name, f.read_text()) for f in files[:number]]
            load_error = _load(desired, schema)
            reference = pgdump.dump(server, state)
            for mode, target in (("migrations", previous), ("chain", chain)):
                if target is None:
                    continue
                step = _step(server, settings, number, path.stem, mode, target, desired, schema, reference, load_error)
                if mode == "chain":
                    differs = step.outcome == "pg_dump differs"
                    if differs and step.detail == left:
                        step = Step(number, path.stem, mode, step.outcome, step.detail, inherited=True)
                    left = step.detail if differs else []
                steps.append(step)
                show(step)
            databases.drop(desired)
            if previous is not None:
                databases.drop(previous)
    finally:
        databases.drop_all()
        shutil.rmtree(home, ignore_errors=True)
    return steps


def _step(
    server: Server, settings, number: int, name: str, mode: str, target: str, desired: str,
    schema: list[SchemaFile], reference: list[str], load_error: str | None,
) -> Step:
    if load_error is not None:
        return Step(number, name, mode, "load failed", [load_error])
    try:
        made = caselib.plan_case(settings, target, desired, files=tuple(schema))
        caselib.apply_case(settings, target, desired, made)
    except SchemaToolError as error:
        return Step(number, name, mode, "apply failed", [_one_line(str(error))])
    except Exception as error:  # noqa: BLE001 - migra's own crashes are outcomes too
        return Step(number, name, mode, "apply failed", [f"{type(error).__name__}: {_one_line(str(error))}"])
    differences = pgdump.differences(reference, pgdump.dump(server, target))[:12]
    if differences:
        return Step(number, name, mode, "pg_dump differs", differences)
    return Step(number, name, mode, CONVERGED)


def _load(url: str, files: list[SchemaFile]) -> str | None:
    try:
        load_desired(url, files)
    except SchemaToolError as error:  # it does not load, or holds what no plan manages
        return str(error)
    return None


def _psql(server: Server, url: str, path: Path) -> None:
    """Run one migration as a migration tool would: psql, statement by statement."""
    program = str(server.bindir / "psql") if server.bindir else "psql"
    result = subprocess.run(
        [program, "-X", "-q", "-v", "ON_ERROR_STOP=1", "--dbname", url, "--file", str(path)],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"error: the history itself fails at {path.name}: {result.stderr.strip()}")


def _one_line(text: str) -> str:
    return " ".join(text.split())


class _Databases:
    """Databases made for the replay, all dropped at the end."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.made: list[str] = []

    def create(self, prefix: str, template: str | None = None) -> str:
        name = f"replay_{prefix}_{secrets.token_hex(4)}"
        query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template is not None:
            query = sql.SQL("CREATE DATABASE {} TEMPLATE {} STRATEGY FILE_COPY").format(
                sql.Identifier(name), sql.Identifier(db.database_of(template))
            )
        with db.connect(self.server.url, autocommit=True) as conn:
            conn.execute(query)
        self.made.append(name)
        return db.with_database(self.server.url, name)

    def drop(self, url: str) -> None:
        name = db.database_of(url)
        with db.connect(self.server.url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        self.made.remove(name)

    def drop_all(self) -> None:
        for name in list(self.made):
            self.drop(db.with_database(self.server.url, name))


def _print_step(step: Step) -> None:
    inherited = " (the same differences as the step before)" if step.inherited else ""
    print(f"{step.number:>4} {step.name:<40} {step.mode:<11} {step.outcome}{inherited}", flush=True)
    for line in step.detail:
        print(f"{'':>17}{line if len(line) <= 300 else line[:297] + '...'}", flush=True)


def _on_own_server(pg15: bool, history: Path, modes: tuple[str, ...]) -> tuple[Server, list[Step]]:
    home = server_home("schematool-replay-server-")
    bindir = PG15_BINDIR if pg15 else embedded_bindir()
    local = LocalServer(home / "pg", bindir, fast=True)
    try:
        url = local.start()
        _prepare_cluster(url)
        server = Server(url, 15 if pg15 else 18, bindir)
        return server, replay(server, history, modes, _print_step)
    finally:
        local.stop()
        shutil.rmtree(home, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("history", type=Path, help="a folder of ordered .sql migrations")
    parser.add_argument("--pg15", action="store_true", help="use the system PostgreSQL 15")
    parser.add_argument("--mode", choices=(*MODES, "both"), default="both", help="which targets (default both)")
    parser.add_argument("--min-rate", type=float, default=0.0, help="exit 1 below this rate (0..1) in any mode")
    args = parser.parse_args(argv)
    modes = MODES if args.mode == "both" else (args.mode,)
    clock = time.monotonic()
    given = os.environ.get("SCHEMATOOL_TEST_DATABASE_URL")
    if given:
        with db.connect(given) as conn:
            server = Server(given, db.server_version(conn))
        _prepare_cluster(given)
        steps = replay(server, args.history, modes, _print_step)
    else:
        server, steps = _on_own_server(args.pg15, args.history, modes)
    print()
    results = rates(steps, modes)
    for rate in results:
        print(rate)
    print(f"({time.monotonic() - clock:.0f} s on PostgreSQL {server.version})")
    return 1 if any(rate.value < args.min_rate for rate in results) else 0


if __name__ == "__main__":
    sys.exit(main())
