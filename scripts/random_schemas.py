"""Run random schema pairs by hand (issue 22: the tool finds its own failures).

    python scripts/random_schemas.py --seed 1000 --count 500        # embedded PostgreSQL 18
    python scripts/random_schemas.py --seed 1000 --count 500 --pg15 # the system PostgreSQL 15
    python scripts/random_schemas.py --seed 7 --count 1 --show      # print A and B of seed 7

Each seed makes a schema A and B = mutate(A) (`tests/randomschema.py`); the properties
(`tests/randomrun.py`) are checked in batches, and every failure is printed with its
seed, the step that failed and the SQL of A and B. Shapes known to fail
(`randomschema.AVOIDED`) are left out unless --include-known. Exit code 1 when anything
failed. Starts its own server, or uses $SCHEMATOOL_TEST_DATABASE_URL.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from schematool import db  # noqa: E402
from schematool.project.server import LocalServer, embedded_bindir  # noqa: E402
from tests import randomrun, randomschema  # noqa: E402
from tests.conftest import PG15_BINDIR, Server, _create_db, _drop_db, _prepare_cluster, server_home  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=0, help="the first seed")
    parser.add_argument("--count", type=int, default=100, help="how many seeds")
    parser.add_argument("--batch", type=int, default=randomrun.BATCH, help="pairs per database")
    parser.add_argument("--pg15", action="store_true", help="use the system PostgreSQL 15")
    parser.add_argument(
        "--include-known",
        action="store_true",
        help="also generate the shapes known to fail (randomschema.AVOIDED)",
    )
    parser.add_argument("--show", action="store_true", help="print A and B, run nothing")
    args = parser.parse_args()
    avoid = frozenset() if args.include_known else frozenset(randomschema.AVOIDED)
    made = randomrun.pairs(range(args.seed, args.seed + args.count), avoid)
    if args.show:
        for p in made:
            print(f"-- seed {p.seed}: {', '.join(p.changed)}\n-- A --\n{p.a}-- B --\n{p.b}")
        return 0
    given = os.environ.get("SCHEMATOOL_TEST_DATABASE_URL")
    if given:
        with db.connect(given) as conn:
            return _run(Server(given, db.server_version(conn)), made, args.batch)
    home = server_home("schematool-random-")
    bindir = PG15_BINDIR if args.pg15 else embedded_bindir()
    local = LocalServer(home / "pg", bindir, fast=True)
    try:
        url = local.start()
        _prepare_cluster(url)
        return _run(Server(url, 15 if args.pg15 else 18, bindir), made, args.batch)
    finally:
        local.stop()
        shutil.rmtree(home, ignore_errors=True)


def _run(server: Server, made: list[randomrun.Pair], batch: int) -> int:
    urls = [_create_db(server) for _ in range(3)]
    started = time.monotonic()
    failures: list[randomrun.Failure] = []
    try:
        dbs = randomrun.Databases(server, *urls)
        for start in range(0, len(made), batch):
            found = randomrun.check(dbs, made[start : start + batch])
            for failure in found:
                print(failure.report(), flush=True)
            failures += found
    finally:
        for url in urls:
            _drop_db(server, url)
    seconds = time.monotonic() - started
    print(f"{len(made)} pairs on {server}: {len(failures)} failed ({seconds:.0f} s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
