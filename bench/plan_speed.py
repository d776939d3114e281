"""Plan speed benchmark: schematool against raw migra and the load floor.

    .venv/bin/python bench/plan_speed.py                 # sizes 30 300 1000 3000 + platform
    .venv/bin/python bench/plan_speed.py --sizes 30 300 --runs 3
    .venv/bin/python bench/plan_speed.py --sizes 30 --runs 5 --no-platform --no-apply --check

`--check` is the regression guard `.ci/run` runs: it compares each ratio with its
target (TARGETS, issue 23) and exits 1 when one is missed by more than half again (a
ratio over 1.5 times its target). Ratios of processes timed in the same run, never
seconds: the machine may be shared and slow, a guard that fails on noise is worse than
none.

Every figure is a whole process (`/usr/bin/time` gives wall time and peak RSS), several
runs, median reported. On a private embedded PostgreSQL 18 started for the run:
- plan noop cold/warm: `schematool plan` against a database already holding the schema
  (first run, then repeated with the schema unchanged);
- plan small cold/warm: the same with one column added to the desired schema;
- migra noop/small: the raw `migra` command between two databases already loaded with
  the same schema / with the schema and its small change;
- floor: `createdb` + `psql -1 -f` of the schema (what any tool must at least do);
- apply small: `schematool apply --yes` of the small change, against `psql -1 -f` of the
  same statements.
Ratios are to raw migra and to the floor from the same run. The timed processes run with
the package's bytecode compiled (as an installed tool has it), whatever
PYTHONDONTWRITEBYTECODE says. Before each timed command
the server is let settle (untimed): no background work left from the one before (a kept
database being dropped after a build), and a checkpoint.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from schematool import db  # noqa: E402
from schematool.project.server import LocalServer, embedded_bindir  # noqa: E402

BIN = Path(sys.executable).parent


def synthetic_schema(tables: int) -> str:
    """Each table: a foreign key, checks, two indexes; a view and a trigger every ten."""
    out = [
        "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$"
        " BEGIN NEW.updated_at = now(); RETURN NEW; END $$;"
    ]
    for i in range(tables):
        parent = f"t{i - 1:05d}" if i else None
        out.append(
            f"CREATE TABLE t{i:05d} (\n"
            "  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
            + (
                f"  parent_id bigint REFERENCES {parent} (id),\n"
                if parent
                else "  parent_id bigint,\n"
            )
            + "  name text NOT NULL CHECK (char_length(name) <= 200),\n"
            "  amount numeric(12,2) NOT NULL DEFAULT 0 CHECK (amount >= 0),\n"
            "  created_at timestamptz NOT NULL DEFAULT now(),\n"
            "  updated_at timestamptz NOT NULL DEFAULT now()\n);"
        )
        out.append(f"CREATE INDEX t{i:05d}_parent_idx ON t{i:05d} (parent_id);")
        out.append(f"CREATE INDEX t{i:05d}_name_idx ON t{i:05d} (lower(name));")
        if i % 10 == 0:
            out.append(f"CREATE VIEW v{i:05d} AS SELECT id, name FROM t{i:05d} WHERE amount > 0;")
            out.append(
                f"CREATE TRIGGER t{i:05d}_touch BEFORE UPDATE ON t{i:05d}"
                " FOR EACH ROW EXECUTE FUNCTION touch();"
            )
    return "\n".join(out) + "\n"


def small_statement(label: str) -> str:
    """The small change: one column added to one table."""
    table = "audiobooks.title" if label == "platform" else "t00000"
    return f"ALTER TABLE {table} ADD COLUMN note text;\n"


def timed(
    cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> tuple[float, int]:
    """(seconds, peak KiB) of one process, from /usr/bin/time."""
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M", *cmd],
        capture_output=True,
        text=True,
        env={**_ENV, **(env or {})},
        cwd=cwd,
        check=False,
    )
    last = done.stderr.strip().splitlines()[-1]
    if not re.fullmatch(r"[\d.]+ \d+", last):
        raise RuntimeError(f"{cmd[0]} failed: {done.stderr[-500:]}")
    seconds, kib = last.split()
    if done.returncode not in (0, 2, 3):  # migra: 2 = differences; plan --exit-code: 3
        raise RuntimeError(
            db.redact(f"{' '.join(cmd)} exited {done.returncode}: {done.stderr[-800:]}")
        )
    return float(seconds), int(kib)


# what the timed processes run with: bytecode written and read, as an installed tool has it
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def compile_package() -> None:
    """Compile schematool's modules once, untimed: an editable install has no bytecode
    until a process writes it, and none is written under PYTHONDONTWRITEBYTECODE."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "schematool")],
        check=True,
        stdout=subprocess.DEVNULL,
        env=_ENV,
    )


def median(samples: list[tuple[float, int]]) -> tuple[float, int]:
    return statistics.median(s for s, _ in samples), max(k for _, k in samples)


class Bench:
    def __init__(self, server_url: str, work: Path, bindir: Path, runs: int) -> None:
        self.server_url, self.work, self.bindir, self.runs = server_url, work, bindir, runs
        self.password = db.password_of(server_url) or ""

    def createdb(self) -> str:
        name = "b_" + secrets.token_hex(4)
        with db.connect(self.server_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return db.with_database(self.server_url, name)

    def psql_load(self, url: str, sql_file: Path) -> tuple[float, int]:
        return timed(
            [
                str(self.bindir / "psql"),
                "-q",
                "-X",
                "-v",
                "ON_ERROR_STOP=1",
                "-1",
                "-f",
                str(sql_file),
                url,
            ],
            env={"PGPASSWORD": self.password},
        )

    def settle(self) -> None:
        """Start each timed command from the same quiet server: no background work of an
        earlier command left (a kept database being dropped after a build), nothing of
        theirs left to write out (a checkpoint, untimed)."""
        deadline = time.monotonic() + 300
        with db.connect(self.server_url, autocommit=True) as conn:
            while time.monotonic() < deadline:
                (busy,) = conn.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
                    " AND pid <> pg_backend_pid() AND state <> 'idle'"
                ).fetchone()
                if not busy and not _pruning():
                    break
                time.sleep(0.1)
            conn.execute("CHECKPOINT")

    def floor(self, sql_file: Path) -> tuple[float, int]:
        samples = []
        for _ in range(self.runs):
            name = "f_" + secrets.token_hex(4)
            self.settle()
            created = timed(
                [
                    str(self.bindir / "createdb"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(self.port),
                    "-U",
                    "postgres",
                    name,
                ],
                env={"PGPASSWORD": self.password},
            )
            loaded = self.psql_load(db.with_database(self.server_url, name), sql_file)
            samples.append((created[0] + loaded[0], max(created[1], loaded[1])))
        return median(samples)

    @property
    def port(self) -> int:
        return int(re.search(r":(\d+)/", self.server_url).group(1))

    def project(self, schema_sql: str, label: str, keep: bool | None = None) -> Path:
        folder = self.work / label
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "schema").mkdir(parents=True)
        (folder / "schema" / "schema.sql").write_text(schema_sql)
        setting = "" if keep is None else f"keep_scratch = {str(keep).lower()}\n"
        (folder / "pyproject.toml").write_text(f'[tool.schematool]\nschema = "schema"\n{setting}')
        return folder

    def migra(self, current: str, desired: str) -> tuple[float, int]:
        self.settle()
        return timed(
            [str(BIN / "migra"), "--unsafe", "--with-privileges", _sa(current), _sa(desired)]
        )

    def loaded(self, sql_file: Path, schema_sql: str, label: str) -> str:
        """A new database holding the schema as `schematool apply` leaves it (untimed).
        psql loads it; deparsed CHECKs are not a fixed point of parsing, and the platform
        has some, so there an apply (of a throwaway scratch database, so the kept ones
        stay as the timed runs found them) puts them in their applied form."""
        url = self.createdb()
        self.psql_load(url, sql_file)
        if label.startswith("platform"):
            project = self.project(schema_sql, label + "-n", keep=False)
            self.schematool(["apply", "--yes", "--allow-hazards", "all"], project, url)
        return url

    def schematool(self, args: list[str], project: Path, url: str) -> tuple[float, int]:
        self.settle()
        return timed(
            [str(BIN / "schematool"), *args, "--schema-dir", str(project / "schema")],
            env={"DATABASE_URL": url, "NO_COLOR": "1"},
            cwd=project,
        )

    def measure(
        self, label: str, schema_sql: str, apply: bool = True
    ) -> dict[str, tuple[float, int]]:
        sql_file = self.work / f"{label}.sql"
        sql_file.write_text(schema_sql)
        changed_file = self.work / f"{label}-changed.sql"
        changed_file.write_text(schema_sql + small_statement(label))
        unchanged, changed = (
            self.project(schema_sql, label),
            self.project(schema_sql + small_statement(label), label + "-c"),
        )
        target = self.loaded(sql_file, schema_sql, label)
        same = self.loaded(sql_file, schema_sql, label)
        other = self.loaded(changed_file, schema_sql + small_statement(label), label + "-c")
        result: dict[str, tuple[float, int]] = {}
        result["floor"] = self.floor(sql_file)
        for name, desired in (("noop", same), ("small", other)):
            result[f"migra {name}"] = median(
                [self.migra(target, desired) for _ in range(self.runs)]
            )
        for name, project in (("noop", unchanged), ("small", changed)):
            runs = [
                self.schematool(["plan", "--exit-code"], project, target)
                for _ in range(self.runs + 1)
            ]
            result[f"plan {name} cold"] = runs[0]
            result[f"plan {name} warm"] = median(runs[1:])
        if apply:
            result.update(self.applies(label, schema_sql, sql_file, changed))
        return result

    def applies(
        self, label: str, schema_sql: str, sql_file: Path, changed: Path
    ) -> dict[str, tuple[float, int]]:
        """apply small, against psql -1 of the same statement (each on a fresh copy)."""
        result: dict[str, tuple[float, int]] = {}
        applies, psqls = [], []
        statements = self.work / f"{label}-small.sql"
        statements.write_text(small_statement(label))
        for _ in range(self.runs):
            fresh = self.loaded(sql_file, schema_sql, label)
            applies.append(self.schematool(["apply", "--yes"], changed, fresh))
            again = self.loaded(sql_file, schema_sql, label)
            self.settle()
            psqls.append(self.psql_load(again, statements))
        result["apply small"] = median(applies)
        result["psql -1 small"] = median(psqls)
        return result


# where a warm plan spends its time, as cProfile sees it: (stage, file the function is
# in, function); seconds are cumulative (a stage includes those it calls). Imports are
# left to `python -X importtime`, which sees them better.
STAGES = [
    ("whole process", "schematool/__main__.py", "<module>"),
    ("schema files read and checked", "desired/database.py", "desired_files"),
    ("desired database found (kept)", "desired/scratch.py", "kept_database"),
    ("planning after the target's catalog was read", "plan/planner.py", "plan_changes"),
    ("the diff (migra, gap plug-ins, dependents, order)", "diff/stage.py", "changes"),
    ("migra: both inspections and its statements", "diff/adapter.py", "statements"),
    ("migra: schemainspect's inspections", "diff/adapter.py", "_inspect"),
    ("gap plug-ins", "diff/gaps/__init__.py", "revise"),
    ("hazards and table sizes", "plan/planner.py", "_steps"),
    ("suggestions", "plan/suggestions.py", "likely"),
    ("waiting on threads (target's catalog; desired inspection)", "~", "<method 'acquire'"),
]


def profile_plans(bench: Bench, label: str, schema_sql: str) -> list[tuple[str, str]]:
    """cProfile of a warm no-op and a warm small-change plan (untimed otherwise): the
    seconds and calls of each of STAGES, and the total number of function calls."""
    import pstats

    sql_file = bench.work / f"{label}.sql"
    sql_file.write_text(schema_sql)
    projects = {
        "noop": bench.project(schema_sql, label + "-p"),
        "small": bench.project(schema_sql + small_statement(label), label + "-pc"),
    }
    target = bench.loaded(sql_file, schema_sql, label)
    columns = []
    for name, project in projects.items():
        bench.schematool(["plan", "--exit-code"], project, target)  # builds the kept database
        bench.settle()
        out = bench.work / f"{label}-{name}.prof"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "cProfile",
                "-o",
                str(out),
                "-m",
                "schematool",
                "plan",
                "--exit-code",
                "--schema-dir",
                str(project / "schema"),
            ],
            env={**_ENV, "DATABASE_URL": target, "NO_COLOR": "1"},
            cwd=project,
            stdout=subprocess.DEVNULL,
            check=False,
        )
        stats = pstats.Stats(str(out)).stats
        found = {}
        for stage, where, function in STAGES:
            hits = [
                v for k, v in stats.items() if k[0].endswith(where) and k[2].startswith(function)
            ]
            found[stage] = (sum(v[1] for v in hits), sum(v[3] for v in hits))
        found["function calls"] = (sum(v[1] for v in stats.values()), 0.0)
        columns.append((name, found))
    return columns


def print_profile(label: str, columns) -> None:
    print(f"cProfile of warm plans, {label} (main thread; seconds include cProfile's own cost)")
    print("| stage | " + " | ".join(f"{name}: s (calls)" for name, _ in columns) + " |")
    print("|---|" + "---|" * len(columns))
    for stage, *_ in STAGES:
        cells = [f"{found[stage][1]:.2f} ({found[stage][0]})" for _, found in columns]
        print(f"| {stage} | " + " | ".join(cells) + " |")
    print(
        "| function calls | " + " | ".join(str(f["function calls"][0]) for _, f in columns) + " |"
    )


def _pruning() -> bool:
    """Whether a detached `python -m schematool.desired.scratch` (dropping old kept databases)
    is still running."""
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if b"schematool.desired.scratch" in cmdline.read_bytes():
                return True
        except OSError:
            continue
    return False


def _sa(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def platform_schema() -> str:
    from schematool.project.files import schema_files

    files = schema_files(ROOT / "schema", "schema")
    return "\n".join(f.text for f in files)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[30, 300, 1000, 3000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-platform", action="store_true")
    parser.add_argument(
        "--no-apply", action="store_true", help="Leave out apply small and psql -1 small."
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="Instead of timing: cProfile warm plans at each size, print where they spend.",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="Exit 1 when a ratio is over 1.5 times its target (TARGETS).",
    )
    args = parser.parse_args()
    compile_package()
    work = Path(tempfile.mkdtemp(prefix="schematool-bench-"))
    bindir = embedded_bindir()
    local = LocalServer(work / "pg", bindir)
    try:
        url = local.start()
        with db.connect(url, autocommit=True) as conn:
            conn.execute(
                "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname='audiobooks_app')"
                " THEN CREATE ROLE audiobooks_app NOLOGIN; END IF; END $$"
            )
        bench = Bench(url, work, bindir, args.runs)
        if args.profile:
            for n in args.sizes:
                print_profile(f"{n} tables", profile_plans(bench, f"p{n}", synthetic_schema(n)))
            return 0
        rows = []
        cases = [(f"{n} tables", synthetic_schema(n)) for n in args.sizes]
        if not args.no_platform:
            cases.append(("platform", platform_schema()))
        for label, schema_sql in cases:
            print(f"measuring {label} ...", file=sys.stderr, flush=True)
            measured = bench.measure(label.replace(" ", "_"), schema_sql, not args.no_apply)
            rows.append((label, measured))
            print(f"  {label}: {rows[-1][1]}", file=sys.stderr, flush=True)
        startup = {
            flag: median([timed([str(BIN / "schematool"), flag]) for _ in range(max(args.runs, 5))])
            for flag in ("--help", "--version")
        }
        print_table(rows, args.runs, startup)
    finally:
        local.stop()
        shutil.rmtree(work, ignore_errors=True)
    if args.check:
        missed = check(rows)
        for line in missed:
            print(f"check: {line}", file=sys.stderr)
        if missed:
            return 1
        print("check: every ratio within 1.5 times its bound", file=sys.stderr)
        for _, r in rows:
            for name, ratio, target in ratios(r):
                state = "met" if ratio <= target else "open"
                print(f"check: {name} {ratio:.2f}x, target {target}x: {state}", file=sys.stderr)
    return 0


# issue 23's targets: (name, numerator columns, denominator columns, target ratio, the
# ratio landed main had when the target was set). A target not met yet is guarded
# against getting worse than that ratio (by the same slack), not failed for being
# unmet: the guard catches regressions; docs/performance.md says which targets are open.
# Set the last field to None once a target is met, and the guard holds the target itself.
TARGETS = [
    ("warm noop / migra noop", ("plan noop warm",), ("migra noop",), 0.35, 0.80),
    ("warm small / migra small", ("plan small warm",), ("migra small",), 0.8, 1.9),
    (
        "cold small / (floor + migra small)",
        ("plan small cold",),
        ("floor", "migra small"),
        1.1,
        2.2,
    ),
]
SLACK = 1.5  # a ratio fails the check only when over SLACK times its bound


def ratios(r: dict[str, tuple[float, int]]) -> list[tuple[str, float, float]]:
    """(name, ratio, target) of each target, from one schema's figures."""
    return [
        (name, sum(r[c][0] for c in over) / sum(r[c][0] for c in under), target)
        for name, over, under, target, _ in TARGETS
    ]


def bound(name: str) -> float:
    """What the guard holds a ratio to: its target, or while the target is open, the
    ratio it had when the target was set."""
    (target, landed) = next((t, landed) for n, _, _, t, landed in TARGETS if n == name)
    return target if landed is None else max(target, landed)


def check(rows) -> list[str]:
    """One line per ratio over SLACK times its bound (empty: the check passes)."""
    return [
        f"{label}: {name} is {ratio:.2f}x, over {SLACK} x {bound(name)}x"
        f" (target {target}x)"
        for label, r in rows
        for name, ratio, target in ratios(r)
        if ratio > SLACK * bound(name)
    ]


COLUMNS = [
    "plan noop cold",
    "plan noop warm",
    "plan small cold",
    "plan small warm",
    "migra noop",
    "migra small",
    "floor",
    "apply small",
    "psql -1 small",
]


def print_table(rows, runs: int, startup: dict[str, tuple[float, int]]) -> None:
    print(f"median of {runs} runs (cold: 1 run); seconds, peak MiB in brackets")
    print(
        "| schema | "
        + " | ".join(COLUMNS)
        + " | warm noop / migra noop | warm small / migra small"
        + " | cold small / (floor + migra small) |"
    )
    print("|" + "---|" * (len(COLUMNS) + 4))
    for label, r in rows:
        cells = [f"{r[c][0]:.2f} ({r[c][1] / 1024:.0f})" if c in r else "-" for c in COLUMNS]
        shown = [f"{ratio:.2f}x" for _, ratio, _ in ratios(r)]
        print(f"| {label} | " + " | ".join(cells + shown) + " |")
    print()
    for flag, (seconds, kib) in startup.items():
        print(f"`schematool {flag}`: {seconds:.2f} s ({kib / 1024:.0f} MiB)  ")


if __name__ == "__main__":
    sys.exit(main())
