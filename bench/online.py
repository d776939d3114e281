"""Online apply benchmark: what a deploy does to the application's writes.

    .venv/bin/python bench/online.py                  # 2,000,000 rows
    .venv/bin/python bench/online.py --rows 500000

On a private embedded PostgreSQL 18 started for the run, a table `item` of `--rows`
rows gets one plan: an index, a unique constraint, a foreign key, a CHECK and a NOT
NULL. The same plan is applied twice, each time to a fresh copy of the table: by a
one-transaction `schematool apply --yes --allow-hazards blocking-lock`, and by
`schematool apply --online --yes`. Throughout each apply (a whole `schematool`
process: planning included) a writer makes single-row inserts and updates of `item`,
one per round trip, and records each write's latency. Printed side by side: total
apply time, writes completed, max and p99 write latency, writes slower than 1 s.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from psycopg import sql  # noqa: E402

from schematool import db  # noqa: E402
from schematool.project.server import LocalServer, embedded_bindir  # noqa: E402

BIN = Path(sys.executable).parent
LOCK_TIMEOUT = "2s"

BEFORE = """
CREATE TABLE parent (id bigint PRIMARY KEY);
CREATE TABLE item (id bigint PRIMARY KEY, parent_id bigint, code text, qty int, note text);
INSERT INTO parent SELECT g FROM generate_series(1, 100) g;
INSERT INTO item SELECT g, g % 100 + 1, 'c' || g, g % 1000 + 1, md5(g::text)
    FROM generate_series(1, %(rows)s) g;
VACUUM ANALYZE item;
"""

DESIRED = """
CREATE TABLE parent (id bigint PRIMARY KEY);
CREATE TABLE item (
    id bigint PRIMARY KEY,
    parent_id bigint REFERENCES parent,
    code text UNIQUE,
    qty int NOT NULL CHECK (qty > 0),
    note text
);
CREATE INDEX item_qty_idx ON item (qty);
"""


@dataclass
class Writes:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def writer(url: str, stop: threading.Event, writes: Writes, first_key: int) -> None:
    """Single-row writes, valid under both schemas, one round trip each, timed."""
    with db.connect(url, autocommit=True, application_name="bench-writer") as conn:
        key = first_key
        while not stop.is_set():
            key += 1
            started = time.monotonic()
            try:
                if key % 2:
                    conn.execute(
                        "INSERT INTO item VALUES (%s, 1, %s, 1, 'w')", (key, f"w{key}")
                    )
                else:
                    conn.execute("UPDATE item SET note = 'u' WHERE id = %s", (key // 2,))
            except Exception as error:  # noqa: BLE001 - a write the apply broke is a result
                writes.errors.append(str(error).splitlines()[0])
            writes.latencies.append(time.monotonic() - started)


def copy(server_url: str, template: str) -> tuple[str, str]:
    name = "bench_" + secrets.token_hex(4)
    with db.connect(server_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(template)
            )
        )
    return name, db.with_database(server_url, name)


def measure(project: Path, url: str, online: bool, rows: int) -> dict[str, object]:
    args = [str(BIN / "schematool"), "apply", "--yes", "--lock-timeout", LOCK_TIMEOUT]
    args += ["--online"] if online else ["--allow-hazards", "blocking-lock"]
    writes, stop = Writes(), threading.Event()
    thread = threading.Thread(target=writer, args=(url, stop, writes, rows * 10))
    thread.start()
    time.sleep(1)  # the writer is at its steady pace before the apply starts
    writes.latencies.clear()
    started = time.monotonic()
    result = subprocess.run(
        args,
        cwd=project,
        env={**os.environ, "DATABASE_URL": url, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
    )
    duration = time.monotonic() - started
    stop.set()
    thread.join()
    if result.returncode != 0:
        raise SystemExit(f"apply failed ({result.returncode}): {result.stderr.strip()}")
    latencies = sorted(writes.latencies)
    p99 = latencies[int(len(latencies) * 0.99)] if latencies else 0.0
    return {
        "apply time (s)": f"{duration:.1f}",
        "writes completed": f"{len(latencies)}",
        "max write latency (s)": f"{latencies[-1]:.3f}" if latencies else "-",
        "p99 write latency (s)": f"{p99:.3f}",
        "writes slower than 1 s": f"{sum(1 for x in latencies if x > 1)}",
        "write errors": f"{len(writes.errors)}",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="schematool-bench-online-"))
    local = LocalServer(work / "pg", embedded_bindir())
    try:
        server_url = local.start()
        template = "bench_tpl"
        with db.connect(server_url, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(template)))
        print(f"loading {args.rows} rows ...", file=sys.stderr, flush=True)
        with db.connect(db.with_database(server_url, template), autocommit=True) as conn:
            for statement in BEFORE.strip().split(";\n"):
                conn.execute(statement.replace("%(rows)s", str(args.rows)))
        project = work / "project"
        (project / "schema").mkdir(parents=True)
        (project / "pyproject.toml").write_text('[tool.schematool]\nschema = "schema"\n')
        (project / "schema" / "schema.sql").write_text(DESIRED)
        results = {}
        for label, online in (("one transaction", False), ("--online", True)):
            print(f"applying ({label}) ...", file=sys.stderr, flush=True)
            _, url = copy(server_url, template)
            with db.connect(server_url, autocommit=True) as conn:
                conn.execute("CHECKPOINT")
            results[label] = measure(project, url, online, args.rows)
        print_table(results, args.rows)
    finally:
        local.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


def print_table(results: dict[str, dict[str, object]], rows: int) -> None:
    labels = list(results)
    print(f"{rows} rows; lock_timeout {LOCK_TIMEOUT}; a writer doing single-row writes\n")
    print("| | " + " | ".join(labels) + " |")
    print("|---|" + "---|" * len(labels))
    for key in next(iter(results.values())):
        print(f"| {key} | " + " | ".join(str(results[label][key]) for label in labels) + " |")


if __name__ == "__main__":
    raise SystemExit(main())
