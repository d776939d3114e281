"""Names: quoting, unquoting and identities, in one place.

PostgreSQL's own rules: an identifier is quoted the way quote_ident quotes it, a string
literal the way quote_literal does; catalog snapshots name objects by quote_ident-joined
identities (`app."My T".col`, `public.f(integer)`); plans, the dependency graph, ordering
and hazards name them by `Node`s, tuples of raw (unquoted, case kept) names with a kind
first. `node_of` turns an identity into its Node, so every stage agrees on what an
object is called.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# ("rel", schema, name)            tables, views, materialized views, sequences, indexes,
#                                   types and domains (one namespace: a table's row type is
#                                   the table)
# ("col", schema, relation, column) columns of tables, views and composite types
# ("con" | "trigger" | "policy" | "rule", schema, table, name)
# ("fn", schema, name)             functions, procedures and aggregates (overloads merge)
# ("schema", name), ("ext", name), ("evt", name), ("collation", schema, name),
# ("stat", schema, name)           extended statistics
# ("fdw", name), ("server", name)  foreign-data wrappers, foreign servers
# ("usermapping", role or "public", server)
# ("generator", schema, table, column)  a column's default or identity (statements only:
#                                   the sort drops the old one before the new one is set)
Node = tuple[str, ...]

# Keywords quote_ident quotes: every category but unreserved, as of PostgreSQL 18
# (`select word from pg_get_keywords() where catcode <> 'U'`). A superset of older
# releases' lists; quoting a word an older server would not quote is harmless.
KEYWORDS = frozenset(
    """
    all analyse analyze and any array as asc asymmetric authorization between bigint binary
    bit boolean both case cast char character check coalesce collate collation column
    concurrently constraint create cross current_catalog current_date current_role
    current_schema current_time current_timestamp current_user dec decimal default deferrable
    desc distinct do else end except exists extract false fetch float for foreign freeze from
    full grant greatest group grouping having ilike in initially inner inout int integer
    intersect interval into is isnull join json json_array json_arrayagg json_exists
    json_object json_objectagg json_query json_scalar json_serialize json_table json_value
    lateral leading least left like limit localtime localtimestamp merge_action national
    natural nchar none normalize not notnull null nullif numeric offset on only or order out
    outer overlaps overlay placing position precision primary real references returning right
    row select session_user setof similar smallint some substring symmetric system_user table
    tablesample then time timestamp to trailing treat trim true union unique user using values
    varchar variadic verbose when where window with xmlattributes xmlconcat xmlelement
    xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable
    """.split()
)

_PLAIN = re.compile(r"[a-z_][a-z0-9_]*")


def ident(name: str) -> str:
    """`name` as an SQL identifier, quoted only when it must be (quote_ident)."""
    if _PLAIN.fullmatch(name) and name not in KEYWORDS:
        return name
    return '"' + name.replace('"', '""') + '"'


def literal(text: str | None) -> str:
    """`text` as an SQL string literal (quote_nullable): E'' when it holds backslashes."""
    if text is None:
        return "NULL"
    quoted = text.replace("'", "''")
    if "\\" in text:
        return "E'" + quoted.replace("\\", "\\\\") + "'"
    return "'" + quoted + "'"


def split_name(identity: str) -> tuple[str, ...]:
    """The raw names of a dotted, possibly quoted name: `app."My.T".c` -> (app, My.T, c).

    Stops at the first unquoted `(` so a function identity gives its schema and name.
    """
    if '"' not in identity and "(" not in identity and identity and identity[-1] != ".":
        return tuple(identity.split("."))  # no quotes: the usual identity, 20,000 a plan
    parts: list[str] = []
    i, n = 0, len(identity)
    while i < n and identity[i] != "(":
        if identity[i] == '"':
            part, i = unquote(identity, i)
        else:
            end = i
            while end < n and identity[end] not in '.("':
                end += 1
            part, i = identity[i:end], end
        parts.append(part)
        if i < n and identity[i] == ".":
            i += 1
    return tuple(parts)


def unquote(text: str, i: int = 0) -> tuple[str, int]:
    """The double-quoted name starting at `text[i]` (a `"` inside it doubled, as
    quote_ident and aclitem print names) as its raw name, and the offset just past its
    closing quote (the end of `text` when it is not closed)."""
    chars: list[str] = []
    i += 1
    while i < len(text):
        if text[i] == '"':
            if text.startswith('""', i):
                chars.append('"')
                i += 2
                continue
            return "".join(chars), i + 1
        chars.append(text[i])
        i += 1
    return "".join(chars), i


def quote_all(identity: str) -> str:
    """A dotted name with every part double-quoted, as quote_all_identifiers spells it
    and migra and schemainspect write names (`app."My T"` -> `"app"."My T"`)."""
    return quote_all_parts(split_name(identity))


def quote_all_parts(parts: Iterable[str]) -> str:
    """Names (unquoted, as the catalog holds them) joined as `quote_all` spells them."""
    return ".".join('"' + part.replace('"', '""') + '"' for part in parts)


def server_name(first: str, second: str, label: str) -> str:
    """The name PostgreSQL makes for an object it names itself (makeObjectName):
    `<first>_<second>_<label>`, the longer of the two names shortened, a byte at a time
    and never inside a character, to fit 63 bytes. (When the name is taken the server
    appends a number to the label; a caller that cannot rule that out must not rely on
    the result.)"""
    one, two = first.encode(), second.encode()
    available = 63 - len(label) - 2
    one_length, two_length = len(one), len(two)
    while one_length + two_length > available:
        if one_length > two_length:
            one_length -= 1
        else:
            two_length -= 1
    return f"{_clip(one, one_length)}_{_clip(two, two_length)}_{label}"


def suffixed(name: str, suffix: str) -> str:
    """`name` with `suffix` appended, `name` shortened (never inside a character) so
    that the whole fits PostgreSQL's 63 bytes, as the server shortens the names it makes."""
    room = 63 - len(suffix.encode())
    return _clip(name.encode(), room) + suffix


def _clip(text: bytes, length: int) -> str:
    """The first `length` bytes of UTF-8 text, not splitting a character (pg_mbcliplen)."""
    return text[:length].decode("utf-8", errors="ignore")


def qualified(*parts: str) -> str:
    """Raw names joined as SQL spells them: `qualified("app", "My T")` -> `app."My T"`."""
    return ".".join(ident(part) for part in parts)


@dataclass(frozen=True)
class Kind:
    """A kind of object, as each stage names it: the one table of kinds every other
    kind table (a statement reader's, a gap module's SQL keywords, the snapshot's Node
    kinds, the renames') is derived from."""

    name: str  # as statements and plans speak of it: "materialized view"
    node: str  # the kind of its Nodes: "rel"
    keyword: str  # how SQL commands name it: "MATERIALIZED VIEW"
    object_type: str  # PostgreSQL's ObjectType, as its parser writes it ("": none apart)
    snapshot: tuple[str, ...] = ()  # the snapshot kinds holding its objects


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("table", "rel", "TABLE", "OBJECT_TABLE", ("table",)),
        Kind("foreign table", "rel", "FOREIGN TABLE", "OBJECT_FOREIGN_TABLE", ("foreign_table",)),
        Kind("view", "rel", "VIEW", "OBJECT_VIEW", ("view",)),
        Kind(
            "materialized view",
            "rel",
            "MATERIALIZED VIEW",
            "OBJECT_MATVIEW",
            ("materialized_view",),
        ),
        Kind("index", "rel", "INDEX", "OBJECT_INDEX", ("index",)),
        Kind("sequence", "rel", "SEQUENCE", "OBJECT_SEQUENCE", ("sequence",)),
        # an identity column's sequence: a sequence to SQL, a snapshot kind of its own
        Kind("identity sequence", "rel", "SEQUENCE", "", ("identity_sequence",)),
        Kind("type", "rel", "TYPE", "OBJECT_TYPE", ("enum", "composite_type", "range_type")),
        Kind("domain", "rel", "DOMAIN", "OBJECT_DOMAIN", ("domain",)),
        # the function snapshot kind holds procedures and aggregates too
        Kind("function", "fn", "FUNCTION", "OBJECT_FUNCTION", ("function",)),
        Kind("procedure", "fn", "PROCEDURE", "OBJECT_PROCEDURE", ("function",)),
        Kind("aggregate", "fn", "AGGREGATE", "OBJECT_AGGREGATE", ("function",)),
        Kind("routine", "fn", "ROUTINE", "OBJECT_ROUTINE", ("function",)),
        Kind("column", "col", "COLUMN", "OBJECT_COLUMN", ("column",)),
        Kind("constraint", "con", "CONSTRAINT", "OBJECT_TABCONSTRAINT", ("constraint",)),
        Kind("trigger", "trigger", "TRIGGER", "OBJECT_TRIGGER", ("trigger",)),
        Kind("policy", "policy", "POLICY", "OBJECT_POLICY", ("policy",)),
        Kind("rule", "rule", "RULE", "OBJECT_RULE", ("rule",)),
        Kind("schema", "schema", "SCHEMA", "OBJECT_SCHEMA", ("schema",)),
        Kind("extension", "ext", "EXTENSION", "OBJECT_EXTENSION", ("extension",)),
        Kind("event trigger", "evt", "EVENT TRIGGER", "OBJECT_EVENT_TRIGGER", ("event_trigger",)),
        Kind("collation", "collation", "COLLATION", "OBJECT_COLLATION", ("collation",)),
        Kind("statistics", "stat", "STATISTICS", "OBJECT_STATISTIC_EXT", ("statistics",)),
        Kind(
            "foreign data wrapper",
            "fdw",
            "FOREIGN DATA WRAPPER",
            "OBJECT_FDW",
            ("foreign_data_wrapper",),
        ),
        Kind("server", "server", "SERVER", "OBJECT_FOREIGN_SERVER", ("server",)),
        Kind("operator", "op", "OPERATOR", "OBJECT_OPERATOR", ("operator",)),
        Kind("publication", "pub", "PUBLICATION", "OBJECT_PUBLICATION", ("publication",)),
        Kind(
            "text search configuration",
            "tsconfig",
            "TEXT SEARCH CONFIGURATION",
            "OBJECT_TSCONFIGURATION",
            ("text_search_configuration",),
        ),
        Kind(
            "text search dictionary",
            "tsdict",
            "TEXT SEARCH DICTIONARY",
            "OBJECT_TSDICTIONARY",
            ("text_search_dictionary",),
        ),
        Kind("language", "language", "LANGUAGE", "OBJECT_LANGUAGE"),
        Kind("large object", "largeobject", "LARGE OBJECT", "OBJECT_LARGEOBJECT"),
        Kind("database", "database", "DATABASE", "OBJECT_DATABASE"),
        Kind("tablespace", "tablespace", "TABLESPACE", "OBJECT_TABLESPACE"),
    )
}

# snapshot kind -> the kind its objects are (the first listed: `function` for "function")
SNAPSHOT_KINDS: dict[str, Kind] = {}
for _kind in KINDS.values():
    for _snapshot_kind in _kind.snapshot:
        SNAPSHOT_KINDS.setdefault(_snapshot_kind, _kind)


def object_types(*names: str) -> dict[str, tuple[str, str]]:
    """The kinds `names` names by their ObjectType: (name, Node kind), as a statement
    reader looks up the kind of object a command names."""
    return {KINDS[name].object_type: (name, KINDS[name].node) for name in names}


def keywords(*snapshot_kinds: str) -> dict[str, str]:
    """Snapshot kind -> how SQL commands name its objects (`MATERIALIZED VIEW`)."""
    return {kind: SNAPSHOT_KINDS[kind].keyword for kind in snapshot_kinds}


def node_of(kind: str, identity: str) -> Node | None:
    """The Node of a snapshot object (`kind` is the snapshot's kind); None for kinds no
    statement names as an object (default privileges)."""
    known = SNAPSHOT_KINDS.get(kind)
    return None if known is None else (known.node, *split_name(identity))


_WORD = re.compile(r'"((?:[^"]|"")+)"|([A-Za-z_][\w$]*)')


def names_in(source: str) -> set[str]:
    """Every identifier and `schema.name` pair a function body spells, as PostgreSQL
    reads them (unquoted folded to lower case, quoted kept). Over-approximates: a word
    may be a column or a variable that happens to share a relation's name."""
    words: list[str] = []
    ends: list[int] = []
    starts: list[int] = []
    for match in _WORD.finditer(source):
        quoted, plain = match.groups()
        words.append(quoted.replace('""', '"') if quoted is not None else plain.lower())
        starts.append(match.start())
        ends.append(match.end())
    found = set(words)
    for i in range(len(words) - 1):
        if source[ends[i] : starts[i + 1]].strip() == ".":
            found.add(f"{words[i]}.{words[i + 1]}")
    return found


# -- aclitem ------------------------------------------------------------------------------


def aclitem(item: str) -> tuple[str, list[tuple[str, bool]], str]:
    """An aclitem's text (`grantee=privileges/grantor`, as PostgreSQL prints it) read:
    its grantee ("" for PUBLIC), its privilege letters each with whether it carries the
    grant option (`U*` -> ("U", True)), and its grantor."""
    grantee, rest = _acl_role(item, 0)
    slash = item.index("/", rest)
    grantor, _ = _acl_role(item, slash + 1)
    text = item[rest + 1 : slash]  # skip '='
    privileges = [(ch, text[k + 1 : k + 2] == "*") for k, ch in enumerate(text) if ch != "*"]
    return grantee, privileges, grantor


def _acl_role(item: str, i: int) -> tuple[str, int]:
    """A role name as aclitem prints it (bare, or double-quoted with "" for a quote),
    ending at `=`, `/` or the end; returns it and where it ends."""
    if not item.startswith('"', i):
        end = i
        while end < len(item) and item[end] not in "=/":
            end += 1
        return item[i:end], end
    return unquote(item, i)


def acl_name(name: str) -> str:
    """A role name spelled as aclitem's output does (putid): quoted unless every
    character is alphanumeric or an underscore."""
    if all(ch.isalnum() or ch == "_" for ch in name):
        return name
    return '"' + name.replace('"', '""') + '"'
