"""The command line: one small module per command; this module wires them and owns the
one place where errors become `error: ...` lines and exit codes.

Command modules import the core (psycopg, jinja2, migra) inside their command functions,
so `schematool --help` and shell completion start without loading any of it.

An interrupt (Ctrl-C, SIGTERM) at any point ends a command with exit 130 and one line:
while it works, as KeyboardInterrupt, which unwinds every `finally` (scratch databases
dropped, transactions rolled back); once its outcome is decided and reported, the
process ignores further interrupts on its way out, so that nothing (a thread still
ending, the interpreter's exit) can print a traceback or contradict what was reported."""

from __future__ import annotations

import io
import os
import signal
import sys
import threading
import warnings
from collections.abc import Sequence
from typing import Any

_INTERRUPTED = "interrupted; nothing was changed"

try:  # an interrupt while the command line's own modules load
    import typer
    from typer.core import TyperGroup

    from schematool import __version__
    from schematool.errors import ExitCode, SchemaToolError, SchemaToolWarning
except KeyboardInterrupt:
    sys.stderr.write(f"error: {_INTERRUPTED}\n")
    sys.stderr.flush()
    os._exit(130)  # see _exit_interrupted


class _Group(TyperGroup):
    """Runs commands in non-standalone mode so that every failure, ours or the command
    line parser's, ends here: one line on stderr and a documented exit code."""

    def main(self, args: Sequence[str] | None = None, *a: Any, **kw: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        with warnings.catch_warnings():
            warnings.showwarning = _warn
            warnings.simplefilter("always", SchemaToolWarning)  # each run tells its own
            code = self._run(argv, *a, **kw)
        sys.exit(int(code))

    def _run(self, argv: list[str], *a: Any, **kw: Any) -> int:
        debug = "--debug" in argv
        kw["standalone_mode"] = False
        previous = signal.signal(signal.SIGTERM, _sigterm) if _main_thread() else None
        try:
            try:
                result = super().main(argv, *a, **kw)
            except BaseException:
                _join_threads()  # an interrupt meanwhile is handled below, as one line
                raise
            _ignore_interrupts()  # the command is done: nothing may interrupt it now
            _join_threads()
            code = result if isinstance(result, int) else ExitCode.OK
            if code == ExitCode.INTERRUPTED:  # typer turns KeyboardInterrupt into Exit(130)
                _fail(_INTERRUPTED, code)
        except SchemaToolError as error:
            if debug:
                raise
            if _while_interrupted(error):
                _ignore_interrupts()
                code = _fail(_INTERRUPTED, ExitCode.INTERRUPTED)
            else:
                code = _fail(str(error), error.exit_code)
        except KeyboardInterrupt:
            _ignore_interrupts()
            code = _fail(_INTERRUPTED, ExitCode.INTERRUPTED)
        except typer.Abort:
            code = _fail("aborted", ExitCode.INTERRUPTED)
        except Exception as error:  # noqa: BLE001 - the one place that catches everything
            if debug:
                raise
            if _while_interrupted(error):
                # cleaning up after Ctrl-C failed (a connection the interrupt closed):
                # what the user did was interrupt
                _ignore_interrupts()
                code = _fail(_INTERRUPTED, ExitCode.INTERRUPTED)
            elif hasattr(error, "format_message") and hasattr(error, "exit_code"):
                # the parser's own errors (click's UsageError, BadParameter, ...)
                code = _fail(error.format_message(), ExitCode.USAGE)
            else:
                code = _fail(
                    f"unexpected {type(error).__name__}: {_one_line(error)}"
                    " (run with --debug for the traceback)",
                    ExitCode.ERROR,
                )
        finally:
            if _ENTRY_POINT:
                _ignore_interrupts()  # the outcome is decided: nothing may interrupt it now
            elif previous is not None:
                signal.signal(signal.SIGTERM, previous)
        return code


_ENTRY_POINT = False  # set by main(): the process is schematool's own, not a test's


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _ignore_interrupts() -> None:
    if _ENTRY_POINT and _main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _join_threads() -> None:
    """Wait for threads a command left (a reading of the target that an interrupt of the
    main thread abandoned), so that none is left for the interpreter's exit to wait on,
    where an interrupt would print a traceback. Only in schematool's own process: a test
    runner's threads are not ours to wait for."""
    if not _ENTRY_POINT:
        return
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join()


def _while_interrupted(error: BaseException) -> bool:
    """Whether an error was raised while an interrupt was unwinding the command."""
    seen: set[int] = set()
    cause = error.__context__
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__context__
    return False


def _sigterm(signum: int, frame: Any) -> None:
    # Unwind like Ctrl-C, so `finally` blocks drop scratch databases and roll back.
    raise KeyboardInterrupt


def _one_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else ""


def _warn(message: Warning | str, *_: Any, **__: Any) -> None:
    """A warning from the core (a scratch database left behind): one line, not the
    `file:line: Category:` form."""
    sys.stderr.write(f"warning: {message}\n")


def _fail(message: str, code: int) -> int:
    typer.echo(f"error: {message}", err=True)
    return code


app = typer.Typer(
    cls=_Group,
    help="Declarative schema-as-code for PostgreSQL: render, plan, apply.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={
        "help_option_names": ["-h", "--help"],
        # a fixed width keeps --help (and the README reference made from it) stable
        "terminal_width": 100,
        "max_content_width": 100,
    },
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"schematool {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: bool = typer.Option(
        False, "--debug", help="Show tracebacks instead of one-line errors."
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Declarative schema-as-code for PostgreSQL: render, plan, apply."""


from schematool.cli import apply as _apply  # noqa: E402
from schematool.cli import clean as _clean  # noqa: E402
from schematool.cli import db as _db  # noqa: E402
from schematool.cli import dump as _dump  # noqa: E402
from schematool.cli import erd as _erd  # noqa: E402
from schematool.cli import history as _history  # noqa: E402
from schematool.cli import migrations as _migrations  # noqa: E402
from schematool.cli import plan as _plan  # noqa: E402
from schematool.cli import render as _render  # noqa: E402
from schematool.cli import report as _report  # noqa: E402

app.command("render")(_render.render)
app.command("plan")(_plan.plan)
app.command("apply")(_apply.apply)
app.command("clean")(_clean.clean)
app.command("history")(_history.history)
app.command("erd")(_erd.erd)
app.command("dump")(_dump.dump)
app.add_typer(_db.app, name="db")
app.add_typer(_migrations.app, name="migrations")
app.add_typer(_report.app, name="report")


class _Output(io.TextIOWrapper):
    """stdout or stderr of schematool's own process, where a reader that went away
    (`schematool plan --exit-code | head -1`) ends the output, not the command: the
    first write or flush that meets the closed pipe points the stream's file descriptor
    at /dev/null (as Python's documentation of SIGPIPE recommends), so that the rest of
    the output, and the interpreter's last flush, go nowhere without an error, and the
    command's exit code is what the command decided, as other command-line tools do."""

    def write(self, text: str) -> int:
        try:
            return super().write(text)
        except BrokenPipeError:
            self._discard()
            return len(text)

    def flush(self) -> None:
        try:
            super().flush()
        except BrokenPipeError:
            self._discard()
            super().flush()  # what was buffered for the pipe: into /dev/null

    def _discard(self) -> None:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, self.fileno())
        finally:
            os.close(devnull)


def _pipe_tolerant(stream: Any) -> Any:
    """`stream` (sys.stdout or sys.stderr) as an _Output on a duplicate of its file
    descriptor, with its encoding and buffering; left as it is when it has none (a
    test runner's capture)."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return stream
    stream.flush()
    return _Output(
        open(os.dup(fd), "wb", closefd=True),  # the new stream owns (and closes) it
        encoding=stream.encoding,
        errors=stream.errors,
        line_buffering=stream.line_buffering,
        write_through=getattr(stream, "write_through", False),
    )


def main() -> None:
    global _ENTRY_POINT
    _ENTRY_POINT = True
    sys.stdout, sys.stderr = _pipe_tolerant(sys.stdout), _pipe_tolerant(sys.stderr)
    try:
        app()
    except KeyboardInterrupt:  # before the group's own handler took over (typer's set-up)
        _ignore_interrupts()
        sys.stderr.write(f"error: {_INTERRUPTED}\n")
        _exit_interrupted()
    except SystemExit as done:
        if done.code == ExitCode.INTERRUPTED:
            _exit_interrupted()
        raise


def _exit_interrupted() -> None:
    """Exit 130 as documented. CPython (3.11) ends a process whose KeyboardInterrupt went
    through an exec() of source text (dataclasses and named tuples are made that way) by
    SIGINT at its exit, even when the interrupt was handled; so the interrupted path
    flushes its output and leaves without the interpreter's own exit. Nothing is left
    to finish: every `finally` has run and no thread of ours remains."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(int(ExitCode.INTERRUPTED))
