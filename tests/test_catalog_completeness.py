"""The catalog snapshot sees everything `pg_dump --schema-only` prints.

apply commits only when the target's snapshot equals the desired one: whatever the
snapshot misses, apply would commit a database that differs. A broad schema
(`tests/completeness.BASE`) is changed one attribute at a time; the snapshot, the
fingerprint computed from it and the one the server computes must all see each change,
and a normalized pg_dump (the external measure) must differ exactly when the snapshot
does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

import psycopg
import pytest

from schematool import db
from schematool.inspect import catalog
from schematool.inspect.differences import differences
from tests import completeness, pgdump
from tests.completeness import ALTERATIONS, NO_OPS, Alteration
from tests.conftest import Server, _create_db, _drop_db


@dataclass
class Base:
    server: Server
    url: str
    features: frozenset[str]
    snapshot: catalog.Snapshot
    fingerprint: str

    @cached_property
    def dump(self) -> list[str]:
        return pgdump.dump(self.server, self.url)


def _features(conn: psycopg.Connection) -> frozenset[str]:
    """What the server can hold: its version (pg17 includes pg15..pg17) and ICU."""
    version = db.server_version(conn)
    features = {f"pg{v}" for v in range(15, version + 1)}
    try:
        with conn.transaction(force_rollback=True):
            conn.execute("CREATE COLLATION pg_temp_probe (provider = icu, locale = 'und')")
        features.add("icu")
    except psycopg.errors.FeatureNotSupported:
        pass
    return frozenset(features)


def _load_base(url: str) -> frozenset[str]:
    with db.connect(url, autocommit=True) as conn:
        features = _features(conn)
        with conn.transaction():
            conn.execute(completeness.BASE)
            for requirement, text in completeness.BASE_EXTRAS:
                if requirement in features:
                    conn.execute(text)
    return features


@pytest.fixture(scope="module")
def base(request, servers) -> Iterator[Base]:
    """The base schema loaded on the server of the test's parameter (15 or 18)."""
    if request.param not in servers:
        pytest.skip(f"PostgreSQL {request.param} is not available here")  # CI requires both
    server = servers[request.param]
    url = _create_db(server)
    try:
        features = _load_base(url)
        snap, fp = _snapshot(url)
        yield Base(server, url, features, snap, fp)
    finally:
        _drop_db(server, url)


def _snapshot(url: str) -> tuple[catalog.Snapshot, str]:
    with db.connect(url, autocommit=True) as conn:
        return catalog.snapshot_and_fingerprint(conn, ())


def _applies(base: Base, alteration: Alteration) -> bool:
    """Whether the server can make the alteration. Where it cannot (a newer server's
    syntax or catalog, ICU on a build without it), the alteration must be refused or
    change nothing: then there is nothing to see, and the test says so, not skips."""
    if not alteration.requires or alteration.requires in base.features:
        return True
    with db.connect(base.url) as conn:
        try:
            conn.execute(alteration.sql)
        except psycopg.Error:
            return False
        assert catalog.fingerprint(conn, ()) == base.fingerprint
        conn.rollback()
    return False


def _altered_fingerprint(base: Base, alteration: Alteration) -> str:
    """The server's fingerprint with the alteration made and left uncommitted (as
    apply's verification sees its own work); then rolled back."""
    with db.connect(base.url) as conn:
        conn.execute(alteration.sql)
        fp = catalog.fingerprint(conn, ())
        conn.rollback()
    return fp


def _altered_snapshot(base: Base, alteration: Alteration) -> tuple[catalog.Snapshot, str]:
    """As `_altered_fingerprint`: the snapshot and the fingerprint computed from it."""
    with db.connect(base.url) as conn:
        conn.execute(alteration.sql)
        snap, fp = catalog.snapshot_and_fingerprint(conn, ())
        conn.rollback()
    return snap, fp


def _altered_dump(base: Base, alteration: Alteration) -> list[str]:
    """pg_dump of a copy of the base with the alteration committed."""
    url = _create_db(base.server, template=db.database_of(base.url))
    try:
        with db.connect(url, autocommit=True) as conn, conn.transaction():
            conn.execute(alteration.sql)
        return pgdump.dump(base.server, url)
    finally:
        _drop_db(base.server, url)


_CORPUS = pytest.mark.corpus
# The default run takes the newest server's fingerprint checks; `-m corpus` the rest
# (PostgreSQL 15, and the snapshot and pg_dump comparisons, ~1 s per alteration).
_SERVERS = [pytest.param(15, id="pg15", marks=_CORPUS), pytest.param(18, id="pg18")]
_ALL_CORPUS = [pytest.param(15, id="pg15", marks=_CORPUS), pytest.param(18, id="pg18", marks=_CORPUS)]


def _alterations(alterations: tuple[Alteration, ...]):
    return pytest.mark.parametrize("alteration", alterations, ids=[a.name for a in alterations])


# (the base is parametrized last: pytest then runs every alteration on one server's base
# before building the other's)
@_alterations(ALTERATIONS)
@pytest.mark.parametrize("base", _SERVERS, indirect=True)
def test_fingerprint_sees_each_single_change(base, alteration):
    if not _applies(base, alteration):
        return
    assert _altered_fingerprint(base, alteration) != base.fingerprint, (
        f"the snapshot misses: {alteration.sql}"
    )


@_alterations(NO_OPS)
@pytest.mark.parametrize("base", _SERVERS, indirect=True)
def test_fingerprint_ignores_what_leaves_the_schema_as_it_was(base, alteration):
    assert _altered_fingerprint(base, alteration) == base.fingerprint


@_alterations(ALTERATIONS)
@pytest.mark.parametrize("base", _ALL_CORPUS, indirect=True)
def test_snapshot_and_pg_dump_see_each_single_change(base, alteration):
    """pg_dump is the oracle: each alteration is one it prints (`snapshot_only` marks
    those it does not: an extension's version), and the snapshot reports it."""
    if not _applies(base, alteration):
        return
    snap, fp = _altered_snapshot(base, alteration)
    assert differences(base.snapshot, snap), f"the snapshot misses: {alteration.sql}"
    assert fp != base.fingerprint
    dumped = _altered_dump(base, alteration)
    if alteration.snapshot_only:
        assert dumped == base.dump, "pg_dump prints it after all: not snapshot_only"
    else:
        assert dumped != base.dump, "pg_dump does not print it: mark it snapshot_only"


@_alterations(NO_OPS)
@pytest.mark.parametrize("base", _ALL_CORPUS, indirect=True)
def test_snapshot_and_pg_dump_ignore_what_leaves_the_schema_as_it_was(base, alteration):
    snap, fp = _altered_snapshot(base, alteration)
    assert differences(base.snapshot, snap) == []
    assert fp == base.fingerprint
    assert _altered_dump(base, alteration) == base.dump


@pytest.mark.parametrize("base", [15, 18], ids=["pg15", "pg18"], indirect=True)
def test_base_schema_holds_every_kind_the_snapshot_covers(base):
    empty = [kind for kind in catalog.QUERIES if not base.snapshot.get(kind)]
    assert empty == []
