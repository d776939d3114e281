"""The command line: one small module per command; this module wires them and owns the
one place where errors become `error: ...` lines and exit codes.

Command modules import the core (psycopg, jinja2, migra) inside their command functions,
so `schematool --help` and shell completion start without loading any of it."""

from __future__ import annotations

import signal
import sys
import warnings
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from schematool import __version__
from schematool.errors import ExitCode, SchemaToolError, UnmanagedInTarget


class _Group(TyperGroup):
    """Runs commands in non-standalone mode so that every failure, ours or the command
    line parser's, ends here: one line on stderr and a documented exit code."""

    def main(self, args: Sequence[str] | None = None, *a: Any, **kw: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        debug = "--debug" in argv
        kw["standalone_mode"] = False
        previous = signal.signal(signal.SIGTERM, _sigterm) if _main_thread() else None
        warnings.showwarning = _warn
        # shown on every run, also when one process runs many (the tests do)
        warnings.simplefilter("always", UnmanagedInTarget)
        try:
            result = super().main(argv, *a, **kw)
            code = result if isinstance(result, int) else ExitCode.OK
            if code == ExitCode.INTERRUPTED:  # typer turns KeyboardInterrupt into Exit(130)
                _fail("interrupted; nothing was changed", code)
        except SchemaToolError as error:
            if debug:
                raise
            code = _fail(str(error), error.exit_code)
        except KeyboardInterrupt:
            code = _fail("interrupted; nothing was changed", ExitCode.INTERRUPTED)
        except typer.Abort:
            code = _fail("aborted", ExitCode.INTERRUPTED)
        except Exception as error:  # noqa: BLE001 - the one place that catches everything
            if debug:
                raise
            if hasattr(error, "format_message") and hasattr(error, "exit_code"):
                # the parser's own errors (click's UsageError, BadParameter, ...)
                code = _fail(error.format_message(), ExitCode.USAGE)
            else:
                code = _fail(
                    f"unexpected {type(error).__name__}: {_one_line(error)}"
                    " (run with --debug for the traceback)",
                    ExitCode.ERROR,
                )
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
        sys.exit(int(code))


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


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
from schematool.cli import plan as _plan  # noqa: E402
from schematool.cli import render as _render  # noqa: E402

app.command("render")(_render.render)
app.command("plan")(_plan.plan)
app.command("apply")(_apply.apply)
app.command("clean")(_clean.clean)
app.command("history")(_history.history)
app.command("erd")(_erd.erd)
app.command("dump")(_dump.dump)
app.add_typer(_db.app, name="db")


def main() -> None:
    app()
