"""Fleet benchmark: N databases with nothing to do, found by one fleet plan against a
shell-style loop of one `schematool plan --exit-code` per database.

    .venv/bin/python bench/fleet.py                      # N = 10 40 100
    .venv/bin/python bench/fleet.py --sizes 10 40 --apply

On a private embedded PostgreSQL 18 started for the run, N databases are created
holding a small schema (the desired one), so every one is in sync:
- fleet: `schematool plan --targets FILE --exit-code` over the N databases (one
  fingerprint query per database, eight at a time, and one plan for the one group);
- loop: `schematool plan --exit-code --database-url URL` once per database, one after
  the other (what a shell loop does; each a whole process).
With `--apply`, the databases are then put one column behind and the fleet's
`apply --targets --yes --parallel 4` is timed against a loop of `apply --yes`.
Wall time of whole processes, one run each; the ratio loop/fleet is the figure to read
(seconds on a shared machine are noise, ratios within one run are not).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from psycopg import sql  # noqa: E402

from schematool import db  # noqa: E402
from schematool.project.server import LocalServer, embedded_bindir  # noqa: E402

BIN = Path(sys.executable).parent
SCHEMA = (
    "CREATE TABLE account (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
    " name text NOT NULL CHECK (char_length(name) <= 200));\n"
    "CREATE TABLE book (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
    " account_id bigint NOT NULL REFERENCES account (id), title text NOT NULL);\n"
    "CREATE INDEX book_account_idx ON book (account_id);\n"
)
BEHIND = "ALTER TABLE book DROP COLUMN title"


def project(folder: Path) -> None:
    (folder / "schema").mkdir(parents=True)
    (folder / "schema" / "tables.sql").write_text(SCHEMA)
    (folder / "pyproject.toml").write_text(
        '[project]\nname = "bench"\nversion = "0"\n\n[tool.schematool]\n'
        'schema = "schema"\nkeep_scratch = true\n'
    )


def databases(server_url: str, count: int) -> list[str]:
    """`count` databases holding the schema (copies of a template loaded once)."""
    with db.connect(server_url, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS bench_template")
        conn.execute("CREATE DATABASE bench_template TEMPLATE template0")
    template = db.with_database(server_url, "bench_template")
    with db.connect(template, autocommit=True) as conn:
        conn.execute(SCHEMA)
    urls = []
    with db.connect(server_url, autocommit=True) as conn:
        for n in range(count):
            name = f"bench_{n:04d}"
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE bench_template STRATEGY FILE_COPY").format(
                    sql.Identifier(name)
                )
            )
            urls.append(db.with_database(server_url, name))
    return urls


def timed(args: list[str], cwd: Path) -> float:
    start = time.monotonic()
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    if done.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(args[:3])} failed ({done.returncode}): {done.stderr[-500:]}")
    return time.monotonic() - start


def compare(folder: Path, urls: list[str], command: str, extra: list[str]) -> tuple[float, float]:
    listed = folder / "targets.txt"
    listed.write_text("\n".join(urls) + "\n")
    schematool = str(BIN / "schematool")
    fleet = timed([schematool, command, "--targets", str(listed), *extra], folder)
    loop = 0.0
    single = [e for e in extra if e not in ("--parallel", "4")]
    for url in urls:
        loop += timed([schematool, command, "--database-url", url, *single], folder)
    return fleet, loop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 40, 100])
    parser.add_argument("--apply", action="store_true", help="also time the fleet's apply")
    options = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="schematool-bench-fleet-"))
    local = LocalServer(root=home / "pg", bindir=embedded_bindir(), fast=True)
    url = local.start()
    try:
        folder = home / "project"
        project(folder)
        print(f"{'N':>5} {'what':<8} {'fleet s':>9} {'loop s':>9} {'loop/fleet':>11}")
        for size in options.sizes:
            urls = databases(url, size)
            timed([str(BIN / "schematool"), "plan", "--database-url", urls[0]], folder)  # warm
            fleet, loop = compare(folder, urls, "plan", ["--exit-code"])
            print(f"{size:>5} {'in sync':<8} {fleet:>9.2f} {loop:>9.2f} {loop / fleet:>10.1f}x")
            if options.apply:
                fleet, loop = _apply(folder, urls)
                print(f"{size:>5} {'apply':<8} {fleet:>9.2f} {loop:>9.2f} {loop / fleet:>10.1f}x")
    finally:
        local.stop()
        shutil.rmtree(home, ignore_errors=True)


def _apply(folder: Path, urls: list[str]) -> tuple[float, float]:
    """The fleet's apply of a one-column change, then (all put behind again) the loop's."""

    def behind() -> None:
        for url in urls:
            with db.connect(url, autocommit=True) as conn:
                conn.execute(BEHIND)

    extra = ["--yes", "--allow-hazards", "all", "--parallel", "4"]
    behind()
    listed = folder / "targets.txt"
    listed.write_text("\n".join(urls) + "\n")
    schematool = str(BIN / "schematool")
    fleet = timed([schematool, "apply", "--targets", str(listed), *extra], folder)
    behind()
    loop = sum(
        timed([schematool, "apply", "--database-url", u, "--yes", "--allow-hazards", "all"], folder)
        for u in urls
    )
    return fleet, loop


if __name__ == "__main__":
    main()
