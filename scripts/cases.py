"""Run the diff case corpus outside pytest.

    python scripts/cases.py --update            # (re)write every case's expected.sql
    python scripts/cases.py --compare           # convergence: raw migra vs schematool
    python scripts/cases.py --compare NAME ...  # only these cases
    python scripts/cases.py --compare --why     # and why schematool did not converge

Starts its own embedded PostgreSQL 18 (or uses $SCHEMATOOL_TEST_DATABASE_URL), and the
system PostgreSQL 15 with --pg15. "Converges" means: applying the statements succeeded,
the full catalog snapshot of the target then equals the desired one, migra finds nothing
left, and a normalized pg_dump --schema-only of the target equals that of the desired
schema loaded as it is (tests/pgdump.py; a case's `[pg_dump_differs]` excuses it).
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from psycopg import sql  # noqa: E402

from schematool import db  # noqa: E402
from schematool.cli import output  # noqa: E402
from schematool.diff import adapter  # noqa: E402
from schematool.diff import stage as diff  # noqa: E402
from schematool.inspect import catalog, comparable  # noqa: E402
from schematool.inspect.differences import differences  # noqa: E402
from schematool.project.server import LocalServer, embedded_bindir  # noqa: E402
from tests import caselib, pgdump  # noqa: E402
from tests.conftest import PG15_BINDIR, _prepare_cluster, server_home  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="case folder names (default: all)")
    parser.add_argument("--update", action="store_true", help="write expected.sql files")
    parser.add_argument("--compare", action="store_true", help="raw migra vs schematool")
    parser.add_argument("--pg15", action="store_true", help="use the system PostgreSQL 15")
    parser.add_argument("--why", action="store_true", help="with --compare: say why schematool failed")
    args = parser.parse_args()
    cases = [c for c in caselib.all_cases() if not args.names or c.name in args.names]
    home = server_home("schematool-cases-")
    local = LocalServer(home / "pg", PG15_BINDIR if args.pg15 else embedded_bindir(), fast=True)
    try:
        server_url = local.start()
        _prepare_cluster(server_url)
        return _run(cases, server_url, home, args, local)
    finally:
        local.stop()
        shutil.rmtree(home, ignore_errors=True)


def _run(
    cases: list[caselib.Case], server_url: str, home: Path, args: argparse.Namespace, server
) -> int:
    settings = caselib.settings_for(home)
    counts = {"migra": 0, "schematool": 0}
    version = 15 if args.pg15 else 18
    run = 0
    for case in cases:
        missing = [r for r in case.requires if caselib.lacks(server_url, r)]
        if missing:
            print(f"{case.name:<55} needs {', '.join(missing)}: not run on this server")
            continue
        run += 1
        if args.update:
            _update(server_url, case, settings, pg15=args.pg15)
        if args.compare:
            migra_ok = _raw_migra_converges(server_url, case, settings, server, version)
            why = _schematool_fails(server_url, case, settings, server, version)
            ours_ok = why is None
            counts["migra"] += migra_ok
            counts["schematool"] += ours_ok
            print(f"{case.name:<55} migra {'ok' if migra_ok else 'FAIL':<5} schematool {'ok' if ours_ok else 'FAIL'}")
            if why and args.why:
                print("    " + "\n    ".join(why))
    if args.compare and not run:
        print("\nconverged: no case ran on this server")
    elif args.compare:
        n = run
        print(f"\nconverged: raw migra {counts['migra']}/{n} = {100 * counts['migra'] / n:.1f}%,"
              f" schematool {counts['schematool']}/{n} = {100 * counts['schematool'] / n:.1f}%")
    return 0


def _update(server_url: str, case: caselib.Case, settings, *, pg15: bool) -> None:
    with _databases(server_url, case) as (current, desired):
        try:
            made = caselib.plan_case(settings, current, desired, case.desired)
        except Exception as error:  # noqa: BLE001 - a known gap may crash migra itself
            print(f"{case.name}: no plan to write ({type(error).__name__}: {error})")
            return
        script = output.script(made)
        if pg15 and case.expected_path.exists():
            if script != case.expected_path.read_text():
                (case.folder / "expected.pg15.sql").write_text(script)
        else:  # PostgreSQL 18, or a case only PostgreSQL 15 can load here
            case.expected_path.write_text(script)


class _databases:
    """Two fresh databases holding the case's current and desired schema."""

    def __init__(self, server_url: str, case: caselib.Case) -> None:
        self.server_url, self.case = server_url, case
        self.names = ["c_" + secrets.token_hex(5), "d_" + secrets.token_hex(5)]

    def __enter__(self) -> tuple[str, str]:
        with db.connect(self.server_url, autocommit=True) as conn:
            for name in self.names:
                conn.execute(sql.SQL("CREATE DATABASE {} STRATEGY FILE_COPY").format(sql.Identifier(name)))
        current, desired = (db.with_database(self.server_url, n) for n in self.names)
        caselib.load_sql(current, "current.sql", self.case.current)
        caselib.load_desired(desired, self.case.desired)
        return current, desired

    def __exit__(self, *exc: object) -> None:
        with db.connect(self.server_url, autocommit=True) as conn:
            for name in self.names:
                conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def _raw_migra_converges(server_url: str, case: caselib.Case, settings, server, version) -> bool:
    with _databases(server_url, case) as (current, desired):
        try:
            statements = adapter.migra_alone(current, desired, settings.excluded_schemas)
            with db.connect(current, autocommit=True) as conn, conn.transaction():
                for statement in statements:
                    conn.execute(statement.encode(), prepare=False)
        except Exception:  # noqa: BLE001 - any failure means it did not converge
            return False
        return _converged(current, desired, settings) and _dumps_equal(
            server_url, case, current, server, version
        )


def _schematool_fails(
    server_url: str, case: caselib.Case, settings, server, version
) -> list[str] | None:
    """Why schematool does not converge on the case (None when it does)."""
    with _databases(server_url, case) as (current, desired):
        try:
            made = caselib.plan_case(settings, current, desired, case.desired)
            caselib.apply_case(settings, current, desired, made)
        except Exception as error:  # noqa: BLE001 - any failure is an answer here
            return [f"{type(error).__name__}: {' '.join(str(error).split())[:400]}"]
        if not _converged(current, desired, settings):
            return ["the catalog snapshot (or migra) still finds differences after the apply"]
        return _dump_differences(server_url, case, current, server, version)


def _converged(current: str, desired: str, settings) -> bool:
    """The snapshots compare equal as apply's verification compares them (`comparable.
    comparable`: an expression PostgreSQL stores in another spelling is the same
    expression), and migra finds nothing left."""
    excluded = settings.excluded_schemas
    with db.connect(current, autocommit=True) as a, db.connect(desired, autocommit=True) as b:
        want = catalog.snapshot(b, excluded)
        have = comparable.comparable(catalog.snapshot(a, excluded), want, desired)
        if differences(want, have):
            return False
    return not diff.diff(current, desired, excluded)


def _dumps_equal(server_url: str, case: caselib.Case, current: str, server, version: int) -> bool:
    """pg_dump of the target equals that of the desired schema loaded as it is (the
    external measure), or differs where the case says it must (column order)."""
    return _dump_differences(server_url, case, current, server, version) is None


def _dump_differences(
    server_url: str, case: caselib.Case, current: str, server, version: int
) -> list[str] | None:
    name = "r_" + secrets.token_hex(5)
    with db.connect(server_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {} STRATEGY FILE_COPY").format(sql.Identifier(name)))
    reference = db.with_database(server_url, name)
    try:
        caselib.load_sql(reference, "desired.sql", case.desired)
        wanted, got = pgdump.dump(server, reference), pgdump.dump(server, current)
    finally:
        with db.connect(server_url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
    if wanted == got or case.known_dump_difference(version):
        return None
    return ["pg_dump differs:", *(pgdump.differences(wanted, got)[:8] or ["(in order only)"])]


if __name__ == "__main__":
    sys.exit(main())
