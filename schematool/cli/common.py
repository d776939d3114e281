"""Options and output shared by several commands."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from schematool import hazard_kinds

if TYPE_CHECKING:  # psycopg and the core load when a command runs, not for --help
    from schematool.db import Address
    from schematool.plan.model import Plan
    from schematool.project.config import Settings

DatabaseUrl = typer.Option(
    None,
    "--database-url",
    metavar="URL",
    help="Target database URL. Default: $DATABASE_URL, else the local server.",
    show_default=False,
)
SchemaDir = typer.Option(
    None,
    "--schema-dir",
    metavar="DIR",
    help="Use this folder of .sql files as the desired state (skips rendering).",
    file_okay=False,
    show_default=False,
)
ScratchUrl = typer.Option(
    None,
    "--scratch-url",
    metavar="URL",
    help="Server URL where the throwaway database is created. Default: the target's server.",
    show_default=False,
)


Online = typer.Option(
    None,
    "--online/--no-online",
    help="Split the plan into online phases: indexes built concurrently, constraints"
    " validated after a short core transaction, so writes go on (default: the"
    " environment's `online`, else off).",
    show_default=False,
)


Env = typer.Option(
    None,
    "--env",
    metavar="NAME",
    help="Use this [tool.schematool.environments.NAME] (URL variable, hazards, timeouts).",
    show_default=False,
)


def settings(
    database_url: str | None = None,
    schema_dir: Path | None = None,
    scratch_url: str | None = None,
    env: str | None = None,
    **extra: str | int | bool | None,
) -> Settings:
    from schematool.project.config import load_settings

    return load_settings(
        env=env,
        database_url=database_url,
        schema_dir=schema_dir,
        scratch_url=scratch_url,
        **extra,
    )


LockTimeout = typer.Option(
    None,
    "--lock-timeout",
    metavar="DURATION",
    help="Give up waiting for a lock on the target (reads too) after this long (default 5s).",
    show_default=False,
)
Retries = typer.Option(
    None,
    "--retries",
    metavar="N",
    min=0,
    help="After a lock timeout, retry this often, with backoff (default 3).",
    show_default=False,
)
ClusterSql = typer.Option(
    False,
    "--cluster-sql",
    help="First run the configured cluster_sql (roles) on the target's server"
    " (and the --scratch-url server).",
)


def _complete_hazards(incomplete: str) -> list[str]:
    return [kind for kind in (*hazard_kinds.KINDS, "all") if kind.startswith(incomplete)]


AllowHazards = typer.Option(
    [],
    "--allow-hazards",
    metavar="KIND[,KIND...]",
    help="Allow these hazard kinds: repeat the option or give a comma-separated list"
    f" (data-loss,rename). Kinds: {', '.join(hazard_kinds.KINDS)}, or all.",
    autocompletion=_complete_hazards,
)


def target_url(settings: Settings) -> Address:
    """The configured database, or the project's local server (started on demand)."""
    from schematool import db
    from schematool.project import server

    if settings.database_url:
        return settings.database_url
    settings.require_project("the local server (no --database-url or $DATABASE_URL given)")
    url = settings.session(db.address(server.ensure_local(settings, note)))
    typer.echo(f"using the local server: {url}", err=True)
    return url


def desired_schema(settings: Settings) -> None:
    """Refuse, before anything starts, to plan without a project's schema folder."""
    if settings.render_schema:
        settings.require_project("reading the desired schema (no --schema-dir given)")


def run_cluster_sql(settings: Settings, target: Address) -> Settings:
    """--cluster-sql: the configured cluster_sql, on every server this run loads the
    schema on or applies it to; the settings that say it ran (a role still missing is
    then the files' lack, not the flag's)."""
    from dataclasses import replace

    from schematool.project import cluster

    for server in dict.fromkeys(s for s in (target, settings.scratch_url) if s is not None):
        for name in cluster.run(settings, server):
            progress(f"ran {name} on {server}")
    return replace(settings, ran_cluster_sql=True)


def check_writable(path: Path) -> None:
    """Fail now, in one line, if a file cannot be written there: before the work whose
    result it is to hold (a plan is not made to be lost)."""
    from schematool.errors import ConfigError

    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ConfigError(f"cannot write {path}: it is a folder")
    if not folder.is_dir():
        raise ConfigError(f"cannot write {path}: no folder {folder}")
    reason = _cannot_create_in(folder, path.name)
    if reason is None and path.exists() and not os.access(path, os.W_OK):
        reason = "permission denied"
    if reason is not None:
        raise ConfigError(f"cannot write {path}: {reason}")


def check_writable_folder(path: Path) -> None:
    """check_writable for a folder a command fills (`dump --out`): it must be new or
    empty, and creatable where it is to be; checked before any server starts or any
    database is read for what it is to hold."""
    from schematool.errors import ConfigError

    if path.exists() and not path.is_dir():
        raise ConfigError(f"cannot write into {path}: it is a file, not a folder")
    if path.is_dir() and any(path.iterdir()):
        raise ConfigError(
            f"cannot write into {path}: it is not empty (give a new or empty folder)"
        )
    existing = next(folder for folder in (path, *path.parents) if folder.exists())
    if not existing.is_dir():
        raise ConfigError(f"cannot write into {path}: {existing} is a file")
    reason = _cannot_create_in(existing, path.name)
    if reason is not None:
        raise ConfigError(
            f"cannot write into {path}: cannot create anything in {existing} ({reason})"
        )


def _cannot_create_in(folder: Path, name: str) -> str | None:
    """Why a file cannot be created in `folder` (lower case), or None when one can: a
    file made and removed there, as only the file system knows (read-only, /proc, ...)."""
    import tempfile

    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{name}.", delete=True):
            return None
    except OSError as error:
        return (error.strerror or str(error)).lower()


def save_plan(plan: Plan, path: Path) -> None:
    """plan.save, with a folder that went away since check_writable as one line."""
    from schematool.errors import SchemaToolError

    try:
        plan.save(path)
    except OSError as error:
        raise SchemaToolError(f"cannot write {path}: {error.strerror or error}") from None


def ask(question: str) -> bool:
    """A yes/no question on stderr, answered on stdin; only y or yes is yes. Not on
    stdout, so that `apply > out.txt` still shows it on the terminal and the file holds
    no part of it (typer.confirm writes its prompt's last character to stdout)."""
    typer.echo(f"{question} [y/N]: ", nl=False, err=True)
    answer = typer.get_text_stream("stdin").readline()
    if not answer.endswith("\n"):
        typer.echo("", err=True)  # end of input: end the prompt's line
    return answer.strip().lower() in ("y", "yes")


def note(message: str) -> None:
    """A line worth telling while a run goes on (a retry after a lock timeout)."""
    typer.echo(f"note: {message}", err=True)


def use_colour(stream: str = "stdout") -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (no-color.org) or TERM=dumb."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return typer.get_text_stream(stream).isatty()


def progress(message: str) -> None:
    """Say what a slow step is doing, on a terminal only (stderr, so pipes stay clean)."""
    if typer.get_text_stream("stderr").isatty():
        typer.echo(typer.style(f"... {message}", dim=True), err=True)
