"""How apply shows its steps while they run (`apply --progress`): on a terminal, a live
line with the current step and its elapsed time, an index build's phase and how much
is done, and who holds the lock a step waits for (rich, on stderr, gone once the step
ends); in a log, a line when each step starts and one when it ends. Both on stderr:
stdout holds the plan and the outcome, as before."""

from __future__ import annotations

import datetime as dt
import sys
import threading
import time
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TextIO

from schematool.cli import common

if TYPE_CHECKING:
    from schematool.apply.progress import Progress
    from schematool.inspect.activity import Activity
    from schematool.plan.model import Step


class Mode(StrEnum):
    auto = "auto"
    live = "live"
    lines = "lines"
    never = "never"


def progress(mode: Mode) -> Progress | None:
    """The display `mode` asks for; `auto`: live on a terminal (stderr), else lines."""
    if mode is Mode.never:
        return None
    if mode is Mode.lines or (mode is Mode.auto and not sys.stderr.isatty()):
        return Lines(sys.stderr)
    return Live(colour=common.use_colour("stderr"))


def _head(step: Step) -> str:
    first = " ".join(step.sql.split()).rstrip(";")
    return first if len(first) <= 80 else first[:77] + "..."


def _where(number: int, total: int, step: Step) -> str:
    phase = "" if step.phase == "core" else f", {step.phase}"
    return f"statement {number}/{total}{phase}"


def _seconds(seconds: float) -> str:
    return f"{seconds:.1f}s" if seconds < 60 else f"{int(seconds // 60)}m{int(seconds % 60):02d}s"


class Lines:
    """A line per step when it starts and when it ends: for logs and pipes."""

    watch = False

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.total = 0

    def started(self, number: int, total: int, step: Step) -> None:
        self.total = total
        self._say(f"{_where(number, total, step)} started: {_head(step)}")

    def seen(self, number: int, found: Activity) -> None:
        pass

    def finished(self, number: int, step: Step, seconds: float, failed: bool) -> None:
        outcome = "failed" if failed else "done"
        self._say(f"{_where(number, self.total, step)} {outcome} in {_seconds(seconds)}")

    def _say(self, line: str) -> None:
        self.stream.write(f"progress: {line}\n")
        self.stream.flush()


def describe(found: Activity, now: dt.datetime | None = None) -> list[str]:
    """What a reading shows, a line each: the index build's phase and counts, then the
    sessions the step waits for."""
    lines = []
    if found.phase is not None:
        done = ""
        if found.blocks_total:
            done = _count(found.blocks_done, found.blocks_total, "blocks")
        elif found.tuples_total:
            done = _count(found.tuples_done, found.tuples_total, "tuples")
        lines.append(f"index: {found.phase}{done}")
    now = now or dt.datetime.now(dt.UTC)
    for blocker in found.blockers:
        about = [f"application {blocker.application!r}" if blocker.application else ""]
        about.append(blocker.state)
        if blocker.query_start is not None:
            since = blocker.query_start.astimezone(dt.UTC).strftime("%H:%M:%S UTC")
            ago = _seconds(max(0.0, (now - blocker.query_start).total_seconds()))
            about.append(f"query started {since}, {ago} ago")
        described = ", ".join(part for part in about if part)
        lines.append(f"waiting for a lock held by pid {blocker.pid} ({described})")
    return lines


def _count(done: int, total: int, unit: str) -> str:
    return f", {done:,} of {total:,} {unit} ({100 * done // total}%)"


class Live:
    """The current step, live on the terminal's stderr, cleared when it ends."""

    watch = True

    def __init__(self, colour: bool) -> None:
        from rich.console import Console

        self.console = Console(stderr=True, no_color=not colour, highlight=False)
        self.lock = threading.Lock()
        self.live: Any = None
        self.header = ""
        self.clock = 0.0
        self.number = 0
        self.found: list[str] = []

    def started(self, number: int, total: int, step: Step) -> None:
        from rich.live import Live as RichLive

        with self.lock:
            self.header = f"{_where(number, total, step)}: {_head(step)}"
            self.clock = time.monotonic()
            self.number = number
            self.found = []
        self.live = RichLive(
            get_renderable=self._render,
            console=self.console,
            transient=True,
            refresh_per_second=4,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self.live.start()

    def seen(self, number: int, found: Activity) -> None:
        with self.lock:
            if number == self.number:  # not a late reading of a step that has ended
                self.found = describe(found)

    def finished(self, number: int, step: Step, seconds: float, failed: bool) -> None:
        if self.live is not None:
            self.live.stop()
            self.live = None

    def _render(self) -> Any:
        from rich.text import Text

        with self.lock:
            elapsed = _seconds(time.monotonic() - self.clock)
            lines = [f"{self.header} ({elapsed})", *(f"  {line}" for line in self.found)]
        return Text("\n".join(lines), style="dim", no_wrap=True, overflow="ellipsis")


class Stages:
    """What `plan` is doing, with its elapsed time, live on a terminal's stderr (gone
    when it ends); elsewhere nothing, as before. Lines written to stderr meanwhile (a
    note, a warning) print above it."""

    def __init__(self) -> None:
        self.live: Any = None
        self.name = "starting"
        self.clock = time.monotonic()

    def __enter__(self) -> Stages:
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.live import Live as RichLive

            colour = common.use_colour("stderr")
            console = Console(stderr=True, no_color=not colour, highlight=False)
            self.live = RichLive(
                get_renderable=self._render,
                console=console,
                transient=True,
                refresh_per_second=4,
                redirect_stdout=False,
                redirect_stderr=True,
            )
            self.live.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.live is not None:
            self.live.stop()

    def __call__(self, name: str) -> None:
        self.name = name

    def _render(self) -> Any:
        from rich.text import Text

        elapsed = _seconds(time.monotonic() - self.clock)
        return Text(f"... {self.name} ({elapsed})", style="dim", no_wrap=True, overflow="ellipsis")
