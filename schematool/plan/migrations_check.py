"""`migrations check DIR`: do the migration files and the declarative schema agree?

The CI check for teams that keep versioned files (`plan --write-migration`): the folder
is replayed onto an empty scratch database, as its tool would run it (in its order, each
file in a transaction or not as its format marks it, `plan.migration_files.read_folder`),
after its checksum file (when it has one) shows no file was edited by hand; then the
replayed database is compared with the desired one the way apply verifies before COMMIT
(`diff.stage.remaining`): nothing may differ, and what does is named, a line each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg

from schematool import db
from schematool.desired import scratch
from schematool.desired.database import declared_rows, desired_database, desired_files
from schematool.desired.load import statement_line
from schematool.diff import adapter, stage
from schematool.diff.comparison import Comparison
from schematool.errors import LoadError, SchemaToolError
from schematool.grammar import lexer
from schematool.plan.migration_files import SUM_FILE, Migration, edited_files, read_folder
from schematool.project.config import Settings
from schematool.project.files import SchemaFile, without_meta_commands


@dataclass(frozen=True)
class CheckResult:
    files: tuple[str, ...]  # the migrations replayed, in order
    differences: tuple[str, ...]  # empty: the folder gives the desired schema

    @property
    def equal(self) -> bool:
        return not self.differences


def check(
    settings: Settings,
    folder: Path,
    migration_format: str,
    server_url: db.Url,
    progress: Callable[[str], None] = lambda message: None,
) -> CheckResult:
    """Replay `folder` onto a new database of `server_url`'s server (dropped after) and
    compare it with the desired schema loaded there too (kept between runs where plan
    keeps it)."""
    edited = edited_files(folder)
    if edited:
        raise SchemaToolError(
            f"{folder}: {', '.join(edited)} differ(s) from {SUM_FILE}: a migration was"
            " edited, added or removed by hand"
        )
    migrations = read_folder(folder, migration_format)
    files = desired_files(settings)
    data = declared_rows(settings)
    with scratch.scratch_database(server_url) as replayed:
        for migration in migrations:
            progress(f"replaying {migration.name}")
            replay(replayed, migration, f"{folder}/{migration.name}")
        progress("loading the schema and comparing")
        with (
            desired_database(settings, replayed, files, adapter.preload, data) as desired,
            adapter.target_session(replayed) as target,
        ):
            compared = Comparison.read(
                target, desired, settings.excluded_schemas, ignore=settings.ignore
            )
            left = stage.remaining(compared)
    return CheckResult(tuple(m.name for m in migrations), tuple(left))


def replay(url: db.Url, migration: Migration, label: str) -> None:
    """One migration file on a session of its own (as its tool, or psql -f, runs it:
    what it SETs ends with it), statement by statement, so that a failure names its line;
    in one transaction when its format runs it in one. A file that leaves a transaction
    open (BEGIN without COMMIT) is refused: its tool would roll it back."""
    file = without_meta_commands(SchemaFile(label, migration.text))
    with db.connect(url, autocommit=True) as conn:
        if migration.transactional:
            with conn.transaction():
                _statements(conn, file)
        else:
            _statements(conn, file)
            if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                raise LoadError(label, None, "ends inside a transaction (BEGIN without COMMIT)")


def _statements(conn: psycopg.Connection, file: SchemaFile) -> None:
    for statement in lexer.split(file.text):
        try:
            conn.execute(statement.text.encode("utf-8"), prepare=False)
        except psycopg.Error as error:
            line = statement_line(file.text, statement, error)
            message = error.diag.message_primary or str(error).strip().splitlines()[0]
            raise file.error(line, message, error.sqlstate) from None
