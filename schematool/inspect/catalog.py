"""A normalized snapshot of a database's schema, comparable across databases.

migra sees only what schemainspect inspects; this module sees (nearly) everything, so
apply can verify that the target really became the desired schema, and plan can
fingerprint a schema cheaply. A `Snapshot` is plain JSON: object kind -> stable identity ->
attributes. Identities are `quote_ident` names (`public.t`, `public.t.col`,
`public.f(integer)`), never OIDs; attributes hold no OIDs and nothing database-specific,
so two databases holding the same schema on the same server give equal snapshots.

One query per kind (queries/snapshot_<kind>.sql), each run inside the caller's
transaction (apply verifies uncommitted work) in a savepoint that is rolled back: the
settings pinned for stable output (search_path, DateStyle, ...) never leak into the
caller's session. Comparing two snapshots: `differences`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from importlib import resources
from typing import Any

import psycopg
from psycopg import sql

from schematool.names import split_name

Snapshot = dict[str, dict[str, Any]]

# pg_get_*def, format_type and regproc output depend on these; pinning them makes the
# text identical whatever the caller's session looks like. search_path = pg_catalog makes
# every user object schema-qualified.
_PINNED_SETTINGS = {
    "search_path": "pg_catalog",
    "DateStyle": "ISO, MDY",
    "IntervalStyle": "postgres",
    "TimeZone": "UTC",
    "extra_float_digits": "1",
    "bytea_output": "hex",
    "quote_all_identifiers": "off",
}


# --- one query per kind: rows of (identity, attributes jsonb) ----------------------------

# The queries spell out a few fragments again and again:
# - a user schema: not pg_catalog, information_schema, pg_toast*, pg_temp*, nor one the
#   caller excluded (the `%(excluded)s` parameter);
# - not an extension member (pg_depend, deptype 'e'): objects an extension created
#   belong to the extension, not to the schema;
# - an ACL: aclitem texts in their stored order (PostgreSQL appends a new grantee's
#   entry and keeps a changed one in place; pg_dump prints them in that order, so the
#   plan's GRANTs follow it: `gapkit.acl`); NULL (the built-in default) spelled out, so
#   that a grant followed by its revoke compares equal to never granting;
# - options (reloptions, attoptions) in their stored order: they keep the order they
#   were set in, and pg_dump prints them so;
# - generic (foreign-data) options as [name, value] pairs in the order they are stored:
#   pg_dump prints them in that order, so the plan keeps it; NULL when there are none;
# - enabled (triggers, rules, event triggers): session_replication_role decides which
#   of them fire: O, D, R, A;
# - a comment: a scalar subquery, not obj_description(): calling that SQL function once
#   per row costs more than the rest of the column query;
# - columns used (constraints, indexes, statistics): names of the table's columns the
#   object depends on: dropping one drops the object.
# The texts are sent with parameters: a literal % is written %%.

# in the order a snapshot lists them and FORMAT hashes them
_KINDS = (
    "schema",
    "extension",
    "collation",
    "enum",
    "composite_type",
    "domain",
    "range_type",
    "sequence",
    "identity_sequence",
    "table",
    "column",
    "constraint",
    "index",
    "view",
    "materialized_view",
    "function",
    "trigger",
    "rule",
    "policy",
    "statistics",
    "default_privilege",
    "event_trigger",
    "foreign_data_wrapper",
    "server",
    "user_mapping",
    "foreign_table",
    "cast",
    "operator",
    "publication",
    "text_search_dictionary",
    "text_search_configuration",
)


def _query(kind: str) -> str:
    path = resources.files("schematool.inspect").joinpath(f"queries/snapshot_{kind}.sql")
    return path.read_text()


QUERIES: dict[str, str] = {kind: _query(kind) for kind in _KINDS}


# What a snapshot holds and how it is spelled: a database kept with a recorded snapshot
# (desired/database.py) is reused only by the code that would read the same snapshot from it.
# Hashed over the query files' text as sent, comments included.
FORMAT = hashlib.sha256(
    "\n".join(f"{kind}\t{query}" for kind, query in QUERIES.items()).encode()
).hexdigest()[:16]


# --- taking a snapshot -------------------------------------------------------------------


def snapshot(conn: psycopg.Connection, excluded_schemas: Sequence[str]) -> Snapshot:
    """The schema `conn` sees, including the caller's uncommitted work."""
    return snapshot_and_fingerprint(conn, excluded_schemas)[0]


def snapshot_and_fingerprint(
    conn: psycopg.Connection, excluded_schemas: Sequence[str]
) -> tuple[Snapshot, str]:
    """The snapshot and its fingerprint (as `fingerprint` computes it), from one reading.

    Runs in a savepoint (a transaction under autocommit) that is always rolled back, so
    the settings pinned for stable output do not outlive the call.
    """
    params = {"excluded": list(excluded_schemas)}
    with conn.transaction(force_rollback=True), conn.cursor() as cur:
        pin_settings(cur)
        rows = {kind: _collect(cur, query, params) for kind, query in QUERIES.items()}
    digest = hashlib.sha256()
    for kind in sorted(rows):
        for identity, text in sorted(rows[kind]):
            digest.update(f"{kind}\t{identity}\t{text}\n".encode())
    return {kind: _parse(r) for kind, r in rows.items()}, digest.hexdigest()


def _parse(rows: list[tuple[str, str]]) -> dict[str, Any]:
    """One json.loads for all of a kind's rows: the decoder then shares one string per
    key name across them (thousands of columns repeat the same dozen keys)."""
    values = json.loads("[" + ",".join(text for _, text in rows) + "]")
    return dict(zip((identity for identity, _ in rows), values, strict=True))


def fingerprint(conn: psycopg.Connection, excluded_schemas: Sequence[str]) -> str:
    """sha256 over every object's kind, identity and attributes (their jsonb text, which
    orders keys canonically), in code point order: equal schemas, equal fingerprints.

    Computed by the server, so a plan that finds two fingerprints equal has moved no
    catalog rows and parsed no JSON.
    """
    rows = " union all ".join(
        f"select '{kind}' as kind, identity, jsonb_strip_nulls(attrs)::text as attrs"
        f" from ({query}) q{n}(identity, attrs)"
        for n, (kind, query) in enumerate(QUERIES.items())
    )
    line = "kind || E'\\t' || identity || E'\\t' || attrs || E'\\n'"
    order = 'kind collate "C", identity collate "C"'
    query = (
        f"select encode(sha256(convert_to(coalesce(string_agg({line}, '' order by {order}),"
        f" ''), 'UTF8')), 'hex') from ({rows}) o"
    )
    params = {"excluded": list(excluded_schemas)}
    with conn.transaction(force_rollback=True), conn.cursor() as cur:
        pin_settings(cur)
        cur.execute(query, params)
        return cur.fetchone()[0]


def sequence_positions(
    conn: psycopg.Connection, current: Snapshot, desired: Snapshot
) -> dict[str, int]:
    """The current value (`last_value`, what PostgreSQL checks new bounds against) of
    every target sequence, and identity column (keyed by the column), whose MINVALUE or
    MAXVALUE the desired schema changes: a value outside the new bounds must be
    restarted (`gaps.sequences`). Not part of the snapshot: it is data, not schema."""
    found: dict[str, str] = {}
    wanted = desired.get("sequence", {})
    for identity, have in current.get("sequence", {}).items():
        if _bounds_move(have, wanted.get(identity)):
            found[identity] = identity
    columns = desired.get("column", {})
    for identity, have in current.get("column", {}).items():
        want = columns.get(identity) or {}
        if have.get("identity") and want.get("identity"):
            if _bounds_move(have["identity"]["sequence"], want["identity"]["sequence"]):
                row = conn.execute(
                    "SELECT pg_get_serial_sequence(%s, quote_ident(%s))",
                    (have["table"], have["name"]),
                ).fetchone()
                if row is not None and row[0] is not None:
                    found[identity] = row[0]
    positions = {}
    for identity, sequence in found.items():
        query = sql.SQL("SELECT last_value FROM {}").format(sql.Identifier(*split_name(sequence)))
        try:
            with conn.transaction():  # a savepoint: a refusal leaves the session usable
                positions[identity] = int(conn.execute(query).fetchone()[0])
        except psycopg.errors.InsufficientPrivilege:
            continue  # unknown: no RESTART is planned; apply fails if it was needed
    return positions


def _bounds_move(have: dict[str, Any], want: dict[str, Any] | None) -> bool:
    return want is not None and (have["min"], have["max"]) != (want["min"], want["max"])


def pin_settings(cur: psycopg.Cursor) -> None:
    """Pin the settings deparsed text depends on, for the caller's transaction."""
    calls = ", ".join(["set_config(%s, %s, true)"] * len(_PINNED_SETTINGS))
    cur.execute(f"select {calls}", [part for item in _PINNED_SETTINGS.items() for part in item])


def _collect(cur: psycopg.Cursor, query: str, params: dict[str, Any]) -> list[tuple[str, str]]:
    # jsonb_strip_nulls: an absent attribute means NULL, which keeps snapshots small; as
    # text, the form both fingerprints hash.
    cur.execute(
        f"select identity, jsonb_strip_nulls(attrs)::text from ({query}) q(identity, attrs)",
        params,
    )
    return cur.fetchall()
