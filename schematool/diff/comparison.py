"""One comparison of the target with the desired database, read once, passed as one value.

A `Comparison` holds the target's session and its snapshot and fingerprint as read, the
desired database (`desired.database.DesiredDatabase`, which reads its snapshot once),
the excluded schemas and the lock timeout; what costs a connection or a catalog read is
read when first asked for, once: the target's snapshot made comparable
(`inspect.comparable.comparable`), both databases' dependency graphs, the role that
loaded the desired schema. After renames ran on the target's session, `reread` reads
the renamed target into a new comparison. Planning (`plan.planner`), the diff
(`diff.stage.changes`), the renames run while planning (`renames`, `replaced_types`)
and apply's verification all take it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import psycopg

from schematool import db
from schematool.desired.database import DesiredDatabase
from schematool.inspect import catalog, comparable, graph, scope
from schematool.inspect.catalog import Snapshot
from schematool.inspect.differences import differences
from schematool.names import Node
from schematool.project.config import Settings
from schematool.project.ignore import NO_RULES, IgnoreRules

if TYPE_CHECKING:
    from schematool.diff.adapter import TargetSession


@dataclass(frozen=True)
class Comparison:
    """The target (as read on `conn`, its uncommitted work included) and the desired
    database. `session` is the target's session that migra inspects through; None for a
    catalog comparison on a plain connection (the online apply's checks)."""

    conn: psycopg.Connection
    session: TargetSession | None
    desired: DesiredDatabase
    snapshot: Snapshot  # the target's, as read, less the ignored objects
    fingerprint: str  # of the target's schema (all of it), from the same reading
    excluded: tuple[str, ...] = ()
    lock_timeout: str = Settings.lock_timeout  # for the renames run while planning
    ignore: IgnoreRules = NO_RULES  # objects left to others (`inspect.scope`)
    target_scope: scope.Scoped | None = None  # the target's ignored objects
    # expressions compared as stored, not by meaning: those the plan applied wrote
    # (`Change.written`), when apply verifies it
    exact: frozenset[comparable.Key] = frozenset()

    @classmethod
    def read(
        cls,
        target: TargetSession | psycopg.Connection,
        desired: DesiredDatabase,
        excluded: Iterable[str] = (),
        lock_timeout: str = Settings.lock_timeout,
        current: tuple[Snapshot, str] | None = None,
        ignore: IgnoreRules = NO_RULES,
        exact: frozenset[comparable.Key] = frozenset(),
    ) -> Comparison:
        """The target's snapshot and fingerprint read on its session (or taken as
        `current`, when the caller read them on it already); the objects `ignore`
        leaves to others are taken out of both sides' snapshots."""
        excluded = tuple(excluded)
        if isinstance(target, psycopg.Connection):
            conn, session = target, None
        else:
            conn, session = target.conn, target
        snapshot, fingerprint = current or catalog.snapshot_and_fingerprint(conn, excluded)
        ignore = ignore.with_external(desired.external)
        found = scope.scoped(snapshot, ignore)
        return cls(
            conn,
            session,
            desired,
            found.kept,
            fingerprint,
            excluded,
            lock_timeout,
            ignore,
            found,
            exact,
        )

    def reread(self) -> Comparison:
        """The target read again on the same session (after renames ran on it)."""
        return Comparison.read(
            self.session or self.conn,
            self.desired,
            self.excluded,
            self.lock_timeout,
            ignore=self.ignore,
            exact=self.exact,
        )

    def target(self) -> TargetSession:
        """The session migra inspects the target through (and renames run on); a
        comparison read on a plain connection has none."""
        if self.session is None:
            raise RuntimeError("this comparison reads the target on a plain connection")
        return self.session

    @property
    def desired_url(self) -> db.Url:
        return self.desired.url

    @property
    def desired_snapshot(self) -> Snapshot:
        """The desired database's snapshot, less the objects left to others."""
        return self.desired_scope.kept

    @cached_property
    def desired_scope(self) -> scope.Scoped:
        return scope.scoped(self.desired.snapshot(), self.ignore)

    @cached_property
    def ignored_nodes(self) -> dict[Node, tuple[str, str]]:
        """Every object left to others on either side, by its Node: (snapshot kind,
        identity). Empty without ignore patterns."""
        if not self.ignore:
            return {}
        target = self.target_scope.nodes if self.target_scope else {}
        return {**self.desired_scope.nodes, **target}

    def missing_external(self) -> list[tuple[Node, str]]:
        """The objects the `external` files create that the target lacks, each with
        its file: they are others' to create, never the plan's."""
        held = self.target_scope.nodes if self.target_scope else {}
        return [(node, file) for node, file in self.desired.external.items() if node not in held]

    def ignored_report(self) -> tuple[int, tuple[str, ...]]:
        """How many objects the patterns matched (on either side, each counted once,
        their parts not counted), and the patterns that matched nothing."""
        if not self.ignore:
            return 0, ()
        target = self.target_scope or scope.Scoped(self.snapshot)
        counted = target.counted() | self.desired_scope.counted()
        matched = target.matched() | self.desired_scope.matched()
        unmatched = tuple(p.text for p in self.ignore.patterns if p.text not in matched)
        return len(counted), unmatched

    @cached_property
    def current(self) -> Snapshot:
        """The target's snapshot as it compares with the desired one: compared as
        PostgreSQL means them, a target built with psql or owned by another role
        differs in spelling and owners, not in schema (`comparable.comparable`); the
        expressions `exact` names are compared as stored."""
        return comparable.comparable(
            self.snapshot, self.desired_snapshot, self.desired.url, self.exact
        )

    def differences(self) -> list[str]:
        """What differs, as the full catalog comparison sees it (empty: nothing)."""
        return differences(self.desired_snapshot, self.current)

    @cached_property
    def graphs(self) -> Graphs:
        return Graphs(self.conn, self.desired.url)

    def loader(self) -> str:
        """The role that loaded the desired schema, read once if a gap module needs it."""
        return self._loader

    @cached_property
    def _loader(self) -> str:
        return comparable.loader(self.desired.url)


class Graphs:
    """Both databases' dependency graphs, each read once, when first asked for."""

    def __init__(self, conn: psycopg.Connection, desired_url: str) -> None:
        self._conn, self._desired_url = conn, desired_url

    @cached_property
    def current(self) -> graph.Graph:
        return graph.read(self._conn)

    @cached_property
    def desired(self) -> graph.Graph:
        with db.connect(self._desired_url, autocommit=True) as conn:
            return graph.read(conn)
