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
    parts: list[str] = []
    i, n = 0, len(identity)
    while i < n and identity[i] != "(":
        if identity[i] == '"':
            part, i = _quoted_part(identity, i)
        else:
            end = i
            while end < n and identity[end] not in '.("':
                end += 1
            part, i = identity[i:end], end
        parts.append(part)
        if i < n and identity[i] == ".":
            i += 1
    return tuple(parts)


def _quoted_part(text: str, i: int) -> tuple[str, int]:
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


# snapshot kind -> the Node kind of its objects
_NODE_KINDS = {
    "table": "rel",
    "view": "rel",
    "materialized_view": "rel",
    "index": "rel",
    "sequence": "rel",
    "identity_sequence": "rel",
    "enum": "rel",
    "composite_type": "rel",
    "domain": "rel",
    "range_type": "rel",
    "column": "col",
    "constraint": "con",
    "trigger": "trigger",
    "policy": "policy",
    "rule": "rule",
    "function": "fn",
    "schema": "schema",
    "extension": "ext",
    "event_trigger": "evt",
    "collation": "collation",
    "statistics": "stat",
    "foreign_data_wrapper": "fdw",
    "server": "server",
    "foreign_table": "rel",
    "operator": "op",
    "publication": "pub",
    "text_search_configuration": "tsconfig",
    "text_search_dictionary": "tsdict",
}


def node_of(kind: str, identity: str) -> Node | None:
    """The Node of a snapshot object (`kind` is the snapshot's kind); None for kinds no
    statement names as an object (default privileges)."""
    node_kind = _NODE_KINDS.get(kind)
    return None if node_kind is None else (node_kind, *split_name(identity))


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
