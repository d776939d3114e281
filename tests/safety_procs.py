"""The CLI as real, separate processes, started cheaply, for the safety tests.

`python -m schematool` spends about two seconds importing migra before it does anything;
the fault and concurrency tests start dozens of applies. So they fork them from a
multiprocessing *forkserver* that has imported schematool once: each child is its own OS
process (its own pid, connections and signal handlers, killable with SIGKILL) that runs
exactly what `python -m schematool ARGS` runs, `schematool.cli.main()` with `sys.argv`,
`os.environ` and the working directory set, stdout and stderr going to files.
`python_m` starts the real entry point, for the tests that want it literally.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg

from schematool import db

# what a command imports, also lazily (typer's option adapters, SQLAlchemy's dialect)
_PRELOAD = [
    "schematool.cli",
    "schematool.apply.run",
    "schematool.plan.planner",
    "schematool.project.server",
    "typer._adapters",
    "sqlalchemy.dialects.postgresql.psycopg",
    "tests.safety_procs",
]
_CONTEXT: multiprocessing.context.BaseContext | None = None


def _context() -> multiprocessing.context.BaseContext:
    global _CONTEXT
    if _CONTEXT is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        _CONTEXT = context
    return _CONTEXT


def _main(argv: list[str], cwd: str, env: dict[str, str], out: str, err: str) -> None:
    """The child: the same as `python -m schematool *argv` from `cwd` with `env`."""
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    for fd, path in ((1, out), (2, err)):
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(handle, fd)
        os.close(handle)
    sys.argv = ["schematool", *argv]
    from schematool.cli import main

    main()


@dataclass
class Cli:
    """A running `schematool` process."""

    pid: int
    out: Path
    err: Path
    _wait: Callable[[float], int | None]

    def wait(self, timeout: float = 120) -> int:
        code = self._wait(timeout)
        if code is None:
            self.kill()
            raise AssertionError(f"schematool (pid {self.pid}) still running after {timeout}s")
        return code

    def kill(self, sig: int = signal.SIGKILL) -> None:
        try:
            os.kill(self.pid, sig)
        except ProcessLookupError:
            pass

    def running(self) -> bool:
        return self._wait(0) is None

    @property
    def stdout(self) -> str:
        return self.out.read_text(errors="replace")

    @property
    def stderr(self) -> str:
        return self.err.read_text(errors="replace")


_SEQUENCE = itertools.count()


def _log_files(logs: Path) -> tuple[Path, Path]:
    logs.mkdir(parents=True, exist_ok=True)
    n = next(_SEQUENCE)
    out, err = logs / f"{n}.out", logs / f"{n}.err"
    out.touch()
    err.touch()
    return out, err


def start(argv: list[str], *, cwd: Path, env: dict[str, str], logs: Path) -> Cli:
    """Fork `schematool *argv` from the forkserver; output in logs/<n>.out and .err."""
    out, err = _log_files(logs)
    process = _context().Process(
        target=_main, args=(argv, str(cwd), {**env}, str(out), str(err)), daemon=False
    )
    process.start()

    def wait(timeout: float) -> int | None:
        process.join(timeout)
        return process.exitcode  # death by signal N is -N, as with subprocess

    assert process.pid is not None
    return Cli(process.pid, out, err, wait)


def python_m(argv: list[str], *, cwd: Path, env: dict[str, str], logs: Path) -> Cli:
    """`python -m schematool *argv`, the installed entry point itself."""
    out, err = _log_files(logs)
    with out.open("w") as stdout, err.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "schematool", *argv],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
        )

    def wait(timeout: float) -> int | None:
        try:
            return process.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    return Cli(process.pid, out, err, wait)


def wait_until(condition: Callable[[], object], what: str, timeout: float = 60) -> object:
    """Poll `condition` until it returns something true; fail naming `what` after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.005)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def backends(conn: psycopg.Connection, dbname: str) -> list[tuple[int, str, str, bool]]:
    """schematool's sessions on a database: (pid, state, query, in a transaction)."""
    rows = conn.execute(
        "SELECT pid, coalesce(state, ''), coalesce(query, ''), xact_start IS NOT NULL"
        " FROM pg_stat_activity WHERE datname = %s AND application_name = 'schematool'"
        " AND pid <> pg_backend_pid()",
        (dbname,),
    ).fetchall()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def wait_for_no_backends(server_url: str, dbname: str, timeout: float = 60) -> None:
    """Until the server has ended every schematool session on `dbname` (a killed client's
    backend ends, and rolls back, when it next talks to the socket)."""
    with db.connect(server_url, autocommit=True, application_name="safety-test") as conn:
        wait_until(
            lambda: not backends(conn, dbname), f"schematool sessions on {dbname} to end", timeout
        )


def advisory_key(key: int) -> tuple[int, int]:
    """pg_locks shows a bigint advisory key as (classid, objid): its high and low halves."""
    unsigned = key & 0xFFFF_FFFF_FFFF_FFFF
    return unsigned >> 32, unsigned & 0xFFFF_FFFF


def all_running(clis: list[Cli]) -> bool:
    """True while every process runs; fails at once, with its stderr, if one has ended."""
    for cli in clis:
        if not cli.running():
            raise AssertionError(f"schematool (pid {cli.pid}) ended early: {cli.stderr}")
    return True
