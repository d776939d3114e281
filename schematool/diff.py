"""Stage 3: the statements that turn one database's schema into another's.

The only module that imports migra and SQLAlchemy: replacing or patching migra is a
change here. What migra misses or gets wrong is the gap modules' (`schematool.gaps`):
`diff_session` hands migra's statements to `gaps.revise` (early statements, in-place
replacements) and `ordering`; the caller adds `gaps.statements` (the late phase).

migra inspects through SQLAlchemy connections; `TargetSession` hands apply
the psycopg connection under such a connection, so apply can run DDL on its own
transaction and have migra re-inspect the target on that same, uncommitted transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import psycopg
import sqlalchemy
from migra import Migration
from schemainspect import get_inspector

from schematool import catalog, db, gaps, ordering
from schematool.catalog import Snapshot
from schematool.errors import DiffError


def _engine(url: str) -> sqlalchemy.Engine:
    # Connect through db.connect so errors are one line and passwords stay masked.
    return sqlalchemy.create_engine(
        "postgresql+psycopg://",
        creator=lambda: db.connect(url),
        poolclass=sqlalchemy.pool.NullPool,
    )


class TargetSession:
    """A connection to the target whose transaction the caller commits or rolls back."""

    def __init__(self, url: str) -> None:
        self._engine = _engine(url)
        self._sa = self._engine.connect()
        self.conn: psycopg.Connection = self._sa.connection.driver_connection

    def close(self) -> None:
        if self.conn.broken:
            # The server ended the session: closing must not try to roll it back
            # (SQLAlchemy would log that failure with a traceback).
            self._sa.invalidate()
        self._sa.close()
        self._engine.dispose()


@contextmanager
def target_session(url: str) -> Iterator[TargetSession]:
    session = TargetSession(url)
    try:
        yield session
    finally:
        session.close()


def diff(target_url: str, desired_url: str, excluded: Iterable[str]) -> list[str]:
    """Statements that make target_url's schema equal desired_url's."""
    with target_session(target_url) as target:
        return diff_session(target, desired_url, excluded)


def diff_session(
    target: TargetSession,
    desired_url: str,
    excluded: Iterable[str],
    current_snapshot: Snapshot | None = None,
    desired_snapshot: Snapshot | None = None,
) -> list[str]:
    """As `diff`, inspecting the target through an open session (its uncommitted work too).

    migra's statements come back revised by the gap modules (early statements, in-place
    replacements) and reordered; the gaps' late statements are `gaps.statements`. Pass
    the snapshots when the caller has them, to save taking them again.
    """
    excluded = tuple(excluded)
    if current_snapshot is None:
        current_snapshot = catalog.snapshot(target.conn, excluded)
    if desired_snapshot is None:
        with db.connect(desired_url, autocommit=True) as conn:
            desired_snapshot = catalog.snapshot(conn, excluded)
    engine = _engine(desired_url)
    try:
        with engine.connect() as desired:
            statements = _migra_statements(
                _inspect(target._sa, excluded), _inspect(desired, excluded)
            )
    finally:
        engine.dispose()
    version = db.server_version(target.conn)
    revised = gaps.revise(current_snapshot, desired_snapshot, statements, version)
    return ordering.functions_before_use(ordering.tables_after_parents(revised))


def migra_alone(target_url: str, desired_url: str, excluded: Iterable[str]) -> list[str]:
    """What migra by itself plans (privileges included, nothing revised or reordered):
    the baseline `scripts/cases.py --compare` measures schematool against."""
    excluded = tuple(excluded)
    current_engine, desired_engine = _engine(target_url), _engine(desired_url)
    try:
        with current_engine.connect() as current, desired_engine.connect() as desired:
            migration = Migration(_inspect(current, excluded), _inspect(desired, excluded))
            migration.set_safety(False)
            migration.add_all_changes(privileges=True)
            return [_tidy(s) for s in migration.statements if s.strip()]
    finally:
        current_engine.dispose()
        desired_engine.dispose()


def _inspect(conn: sqlalchemy.Connection, excluded: tuple[str, ...]):
    try:
        inspector = get_inspector(conn)
    except sqlalchemy.exc.DBAPIError as error:
        raise DiffError(f"inspecting the database failed: {error.orig}") from None
    for schema in excluded:
        inspector.filter_schema(exclude_schema=schema)
    return inspector


def _migra_statements(current, desired) -> list[str]:
    migration = Migration(current, desired)
    migration.set_safety(False)  # hazards are judged by schematool.hazards, not refused here
    # privileges are the gap modules' (gaps.privileges): migra's miss too much
    migration.add_all_changes(privileges=False)
    return [_tidy(s) for s in migration.statements if s.strip()]


def _tidy(statement: str) -> str:
    text = statement.strip()
    return text if text.endswith(";") else text + ";"
