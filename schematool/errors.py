"""The one exception hierarchy of schematool, and the exit codes it maps to.

Every error a user can cause is a `SchemaToolError` carrying a one-line message and an
exit code; `schematool.cli` prints it as `error: <message>` and exits with that code.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The exit-code contract, documented in docs/troubleshooting.md and tested."""

    OK = 0  # success; for plan: the database is in sync
    ERROR = 1  # any failure: bad input, database error, apply rolled back
    USAGE = 2  # bad command line
    CHANGES_PENDING = 3  # plan --exit-code, migrations check: it differs from the schema
    REFUSED = 4  # apply refused: hazards not allowed, or confirmation declined
    STALE = 5  # the target or the schema changed since the plan was made
    NOT_CONVERGED = 6  # apply ran but the result still differs: rolled back
    LOCK_TIMEOUT = 7  # plan or apply gave up waiting for a lock: rolled back
    NOT_RUNNING = 8  # db status: the local server is not running (stopped or not created)
    STANDBY = 9  # apply: the target is a standby (in recovery, read-only); apply to its primary
    TARGETS_FAILED = 10  # apply --targets/--fleet: some targets failed or were not started
    TARGETS_DRIFTED = 11  # apply --targets/--fleet: none failed; some changed since the plan
    INTERRUPTED = 130  # Ctrl-C / SIGTERM


class SchemaToolError(Exception):
    """Base of all errors schematool reports to users."""

    exit_code: ExitCode = ExitCode.ERROR

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ConfigError(SchemaToolError):
    """pyproject.toml settings or command-line values that cannot be used."""

    exit_code = ExitCode.USAGE


class RenderError(SchemaToolError):
    """A template failed to render; names the template and line."""

    def __init__(self, template: str, line: int | None, message: str) -> None:
        where = f"{template}:{line}" if line else template
        super().__init__(f"{where}: {message}")
        self.template = template
        self.line = line


class StaleRenderError(SchemaToolError):
    """schema/ is not what templates/ render."""


class LoadError(SchemaToolError):
    """A schema file failed to load; names the file and line, and for a rendered file
    the template's line it came from (`source`: `templates/x.sql.j2:28`)."""

    def __init__(
        self,
        file: str,
        line: int | None,
        message: str,
        sqlstate: str | None = None,
        source: str | None = None,
    ) -> None:
        where = f"{file}:{line}" if line else file
        if source:
            where += f" (from {source})"
        super().__init__(f"{where}: {message}")
        self.file = file
        self.line = line
        self.reason = message  # PostgreSQL's message alone
        self.sqlstate = sqlstate
        self.source = source


class AnnotationError(SchemaToolError):
    """A schematool annotation that cannot be used: misplaced, misspelt, or naming
    objects the target does not hold as it says; names the file and line."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where


class ConnectionFailed(SchemaToolError):
    """The server could not be reached or refused the login."""


class ScratchError(SchemaToolError):
    """The throwaway database could not be created."""


class DiffError(SchemaToolError):
    """Inspecting or diffing the databases failed."""


class PlanFileError(SchemaToolError):
    """A saved plan cannot be read, was edited, or comes from another version."""


class StalePlanError(SchemaToolError):
    """The target or the desired schema changed since the plan was made."""

    exit_code = ExitCode.STALE


class HazardRefused(SchemaToolError):
    """The plan holds hazards the user did not allow."""

    exit_code = ExitCode.REFUSED


class Declined(SchemaToolError):
    """The user answered no at the confirmation prompt."""

    exit_code = ExitCode.REFUSED


class IgnoredDependent(SchemaToolError):
    """A plan would drop or change an object that an ignored object depends on."""

    exit_code = ExitCode.REFUSED


class ExternalMissing(SchemaToolError):
    """The target lacks an object an `external` file creates: others create it, the
    plan never does."""


class StepEdited(SchemaToolError):
    """A custom step that already ran on the database was edited since."""


class HistoryError(SchemaToolError):
    """The apply history cannot be read (the role may not)."""


class ApplyError(SchemaToolError):
    """A statement failed during apply; the transaction was rolled back."""


class NotConverged(SchemaToolError):
    """After running the plan the target still differs from the desired schema."""

    exit_code = ExitCode.NOT_CONVERGED


class StandbyTarget(SchemaToolError):
    """apply was pointed at a standby: it is read-only, and its schema comes from its
    primary (`plan` against one works: a drift check)."""

    exit_code = ExitCode.STANDBY


class LockTimeout(SchemaToolError):
    """plan or apply could not take a lock in time, after its retries."""

    exit_code = ExitCode.LOCK_TIMEOUT


class SchemaToolWarning(UserWarning):
    """Something a user should know that does not stop the run: the CLI prints it as
    one `warning: ...` line on stderr."""


class Interrupted(SchemaToolError):
    """Ctrl-C or SIGTERM stopped an online apply: its message says what it left."""

    exit_code = ExitCode.INTERRUPTED


class ServerError(SchemaToolError):
    """The embedded local server could not be started, stopped or found."""


class UnmanagedInTarget(SchemaToolWarning):
    """The target holds objects of a kind no plan manages (coverage.py): reported on
    every plan, left as they are."""


class IgnoreMatchedNothing(SchemaToolWarning):
    """An `ignore` pattern that matches no object of the target or the desired schema
    (misspelt, or the object is gone): said on every plan, never silently dropped."""
