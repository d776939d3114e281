"""Stage 5: what apply tells while a step runs. Each step is reported when it starts and
ends (`Progress.started`, `Progress.finished`); a step still running after a moment is
watched from a second session (`inspect.activity`: an index build's phase and counts,
the sessions it waits for), every half second, to `Progress.seen`.

The watching never holds the apply up: it runs on a thread of its own, connects only
once a step has run `_DELAY`, reads under short statement and lock timeouts, stops
when the step ends (waited for at most `_JOIN` seconds), and gives up quietly on any
error. How it is shown (a live line on a terminal, a line per step in a log) is the
command line's business: this module knows no terminal."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

import psycopg

from schematool import db
from schematool.errors import SchemaToolError
from schematool.inspect import activity
from schematool.plan.model import Step

_DELAY = 0.5  # seconds a step runs before it is watched: most never are
_INTERVAL = 0.5  # seconds between readings
_JOIN = 3.0  # seconds the end of a step waits for the watcher to stop
APPLICATION = "schematool progress"  # the watcher's application_name


class Progress(Protocol):
    """What is told; `watch`: whether running steps are watched (`seen`)."""

    watch: bool

    def started(self, number: int, total: int, step: Step) -> None: ...

    def seen(self, number: int, found: activity.Activity) -> None: ...

    def finished(self, number: int, step: Step, seconds: float, failed: bool) -> None: ...


@contextmanager
def reported(
    progress: Progress | None,
    target_url: db.Url,
    conn: psycopg.Connection,
    number: int,
    total: int,
    step: Step,
) -> Iterator[None]:
    """Report the step run inside the block, on `conn` (the apply's session)."""
    if progress is None:
        yield
        return
    progress.started(number, total, step)
    watcher = (
        _Watcher(progress, target_url, conn.info.backend_pid, number) if progress.watch else None
    )
    clock = time.monotonic()
    failed = True
    try:
        yield
        failed = False
    finally:
        if watcher is not None:
            watcher.stop()
        progress.finished(number, step, time.monotonic() - clock, failed)


class _Watcher:
    def __init__(self, progress: Progress, target_url: db.Url, pid: int, number: int) -> None:
        self.progress, self.url, self.pid, self.number = progress, target_url, pid, number
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, name="schematool-progress", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.done.set()
        self.thread.join(_JOIN)

    def _run(self) -> None:
        if self.done.wait(_DELAY):
            return
        try:
            with db.connect(self.url, autocommit=True, application_name=APPLICATION) as conn:
                conn.execute("SET statement_timeout = '2s'")
                conn.execute("SET lock_timeout = '1s'")
                while not self.done.is_set():
                    self.progress.seen(self.number, activity.read(conn, self.pid))
                    self.done.wait(_INTERVAL)
        except (psycopg.Error, SchemaToolError):
            return  # progress is a courtesy: the apply goes on without it
