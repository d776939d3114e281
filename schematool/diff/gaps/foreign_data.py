"""Foreign data: wrappers, servers, user mappings and foreign tables. migra sees none of
them (schemainspect reads no foreign-data catalog and no relation of kind 'f').

Changed in place where PostgreSQL can: a wrapper's HANDLER, VALIDATOR and OPTIONS; a
server's VERSION and OPTIONS; a user mapping's OPTIONS; a foreign table's OPTIONS and
columns (added, dropped, retyped, defaults, NOT NULL, column OPTIONS) and CHECK
constraints. Dropped and created again where it cannot: a server whose wrapper or TYPE
changes (its user mappings and foreign tables with it), a foreign table whose server,
parents or column order changes. Foreign tables hold no rows of their own, so dropping
one loses nothing but its definition; a user mapping's drop loses the credentials it
holds (data-loss). Owners are `owners`', comments `comments`'; grants on wrappers and
servers are this module's `late` (after the owners).

These are `early` changes (the main phase): the dependency sort places them among
migra's, so a server is created before the foreign tables on it, a foreign table before
the views reading it, a wrapper after its handler function and dropped before it.

Options are kept in the order they are stored (pg_dump prints them so); a secret
option's value (`schematool.secrets`: a password) is masked in the statement as shown
(`Change.masked`), never in the one that runs.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from schematool import secrets
from schematool.diff.gapkit import acl
from schematool.diff.gapkit.context import Context, change
from schematool.diff.gapkit.plugin import Plugin
from schematool.diff.gaps.owners import handed_over
from schematool.grammar.change import Change, Hazard
from schematool.hazard_kinds import DATA_LOSS
from schematool.inspect.catalog import Snapshot
from schematool.inspect.records import Catalog, Column, Constraint
from schematool.names import ident, literal

Attrs = dict[str, Any]
Pairs = list[list[str]]
Statement = tuple[str, str]  # (what runs, what is shown)


# -- options ----------------------------------------------------------------------------


def _option(name: str, value: str, prefix: str = "") -> Statement:
    shown = literal(secrets.MASK) if secrets.is_secret(name) else literal(value)
    return f"{prefix}{ident(name)} {literal(value)}", f"{prefix}{ident(name)} {shown}"


def _clause(items: list[Statement]) -> Statement:
    if not items:
        return "", ""
    return (
        " OPTIONS (" + ", ".join(real for real, _ in items) + ")",
        " OPTIONS (" + ", ".join(shown for _, shown in items) + ")",
    )


def create_options(pairs: Pairs | None) -> Statement:
    """` OPTIONS (a '1', b '2')` as CREATE takes it, in the given order ('' for none)."""
    return _clause([_option(name, value) for name, value in pairs or ()])


def alter_options(have: Pairs | None, want: Pairs | None) -> Statement:
    """` OPTIONS (SET a '1', DROP b, ADD c '3')` turning `have` into `want`, order
    included ('' when equal). ADD appends, so the options kept are the longest start of
    `want` that `have` holds in the same order; the others are dropped, and the rest of
    `want` added after them."""
    have, want = have or [], want or []
    if have == want:
        return "", ""
    kept = _kept_start(have, want)
    values = dict(map(tuple, have))
    items = [(f"DROP {ident(name)}",) * 2 for name, _ in have if name not in kept]
    items += [
        _option(name, value, "SET ") for name, value in want[: len(kept)] if values[name] != value
    ]
    items += [_option(name, value, "ADD ") for name, value in want[len(kept) :]]
    return _clause(items)


def _kept_start(have: Pairs, want: Pairs) -> set[str]:
    """The names of the longest start of `want` found, in order, among `have`'s."""
    names = [name for name, _ in have]
    kept: set[str] = set()
    position = 0
    for name, _ in want:
        if name not in names[position:]:
            break
        position = names.index(name, position) + 1
        kept.add(name)
    return kept


def _change(statement: Statement, hazards: tuple[Hazard, ...] = ()) -> Change:
    real, shown = statement
    made = change(real)
    if real != shown:
        made = replace(made, masked=shown, constants=frozenset())
    return replace(made, hazards=hazards) if hazards else made


def _join(*parts: Statement | str) -> Statement:
    real = "".join(p if isinstance(p, str) else p[0] for p in parts)
    shown = "".join(p if isinstance(p, str) else p[1] for p in parts)
    return real, shown


# -- the plan ---------------------------------------------------------------------------


def early(context: Context) -> list[Change]:
    current, desired = context.current, context.desired
    servers_again = _servers_recreated(current, desired)
    tables_again = _tables_recreated(
        context.current_catalog, context.desired_catalog, servers_again
    )
    result: list[Change] = []
    result += _drop_mappings(current, desired, servers_again)
    result += _drop_tables(current, desired, tables_again)
    result += _drop_servers(current, desired, servers_again)
    result += _drop_wrappers(current, desired)
    result += _wrappers(current, desired)
    result += _servers(current, desired, servers_again)
    result += _mappings(current, desired, servers_again)
    result += _tables(context.current_catalog, context.desired_catalog, tables_again)
    return result


def late(context: Context) -> list[Change]:
    """GRANT / REVOKE USAGE on wrappers and servers, after `owners` handed them over."""
    result: list[Change] = []
    for kind, keyword in (
        ("foreign_data_wrapper", "FOREIGN DATA WRAPPER"),
        ("server", "FOREIGN SERVER"),
    ):
        have_all = context.current.get(kind, {})
        for identity, want_attrs in sorted(context.desired.get(kind, {}).items()):
            have_attrs = have_all.get(identity)
            want = acl.parse(want_attrs.get("acl", []))
            made = have_attrs is None or f"{kind}:{identity}" in context.dropped
            if made:
                have = {want_attrs.get("owner", ""): {"USAGE": False}}
            else:
                have = handed_over(
                    acl.parse(have_attrs.get("acl", [])),
                    have_attrs.get("owner"),
                    want_attrs.get("owner"),
                )
            # authz-change on an existing one: `hazards`
            result += [
                _change((sql, sql)) for sql in acl.changes(f"{keyword} {identity}", have, want)
            ]
    return result


# -- wrappers ---------------------------------------------------------------------------


def _drop_wrappers(current: Snapshot, desired: Snapshot) -> list[Change]:
    gone = sorted(
        current.get("foreign_data_wrapper", {}).keys() - _of(desired, "foreign_data_wrapper")
    )
    return [_change((f"DROP FOREIGN DATA WRAPPER {w};",) * 2) for w in gone]


def _wrappers(current: Snapshot, desired: Snapshot) -> list[Change]:
    result = []
    have_all = current.get("foreign_data_wrapper", {})
    for identity, want in sorted(desired.get("foreign_data_wrapper", {}).items()):
        have = have_all.get(identity)
        if have is None:
            functions = "".join(
                f" {word.upper()} {want[word]}"
                for word in ("handler", "validator")
                if want.get(word)
            )
            statement = _join(
                f"CREATE FOREIGN DATA WRAPPER {identity}{functions}",
                create_options(want.get("options")),
                ";",
            )
            result.append(_change(statement))
            continue
        functions = "".join(
            f" {word.upper()} {want[word]}" if want.get(word) else f" NO {word.upper()}"
            for word in ("handler", "validator")
            if have.get(word) != want.get(word)
        )
        options = alter_options(have.get("options"), want.get("options"))
        if functions or options[0]:
            result.append(
                _change(_join(f"ALTER FOREIGN DATA WRAPPER {identity}{functions}", options, ";"))
            )
    return result


# -- servers ----------------------------------------------------------------------------


def _servers_recreated(current: Snapshot, desired: Snapshot) -> set[str]:
    """Servers both sides have whose wrapper or TYPE differs: no ALTER changes those."""
    have_all = current.get("server", {})
    return {
        identity
        for identity, want in desired.get("server", {}).items()
        if identity in have_all
        and (have_all[identity].get("wrapper"), have_all[identity].get("type"))
        != (want.get("wrapper"), want.get("type"))
    }


def _drop_servers(current: Snapshot, desired: Snapshot, again: set[str]) -> list[Change]:
    gone = sorted((current.get("server", {}).keys() - _of(desired, "server")) | again)
    return [_change((f"DROP SERVER {s};",) * 2) for s in gone]


def _servers(current: Snapshot, desired: Snapshot, again: set[str]) -> list[Change]:
    result = []
    have_all = current.get("server", {})
    for identity, want in sorted(desired.get("server", {}).items()):
        have = None if identity in again else have_all.get(identity)
        if have is None:
            kind = f" TYPE {literal(want['type'])}" if want.get("type") is not None else ""
            version = (
                f" VERSION {literal(want['version'])}" if want.get("version") is not None else ""
            )
            statement = _join(
                f"CREATE SERVER {identity}{kind}{version} FOREIGN DATA WRAPPER {want['wrapper']}",
                create_options(want.get("options")),
                ";",
            )
            result.append(_change(statement))
            continue
        version = ""
        if have.get("version") != want.get("version"):
            version = f" VERSION {literal(want.get('version'))}"  # NULL when it has none
        options = alter_options(have.get("options"), want.get("options"))
        if version or options[0]:
            result.append(_change(_join(f"ALTER SERVER {identity}{version}", options, ";")))
    return result


# -- user mappings ----------------------------------------------------------------------


def _for(attrs: Attrs) -> str:
    user = attrs["user"]
    return f"FOR {'PUBLIC' if user == 'public' else ident(user)} SERVER {attrs['server']}"


def _gone(current: Snapshot, desired: Snapshot, kind: str, again: set[str], key: str) -> list[str]:
    """Current objects of `kind` the desired schema lacks, or whose `key` object (their
    server) is dropped and created again."""
    wanted = _of(desired, kind)
    servers = set(current.get("server", {}).keys() - _of(desired, "server")) | again
    return sorted(
        identity
        for identity, attrs in current.get(kind, {}).items()
        if identity not in wanted or attrs.get(key) in servers
    )


def _drop_mappings(current: Snapshot, desired: Snapshot, again: set[str]) -> list[Change]:
    result = []
    for identity in _gone(current, desired, "user_mapping", again, "server"):
        attrs = current["user_mapping"][identity]
        hazards: tuple[Hazard, ...] = ()
        created_again = desired.get("user_mapping", {}).get(identity) == attrs
        if (attrs.get("options") or attrs.get("options_hidden")) and not created_again:
            hazards = (
                Hazard(DATA_LOSS, f"drops user mapping {identity} and the credentials it holds"),
            )
        result.append(_change((f"DROP USER MAPPING {_for(attrs)};",) * 2, hazards))
    return result


def _mappings(current: Snapshot, desired: Snapshot, again: set[str]) -> list[Change]:
    result = []
    have_all = current.get("user_mapping", {})
    for identity, want in sorted(desired.get("user_mapping", {}).items()):
        have = None if want["server"] in again else have_all.get(identity)
        if have is None:
            statement = _join(
                f"CREATE USER MAPPING {_for(want)}", create_options(want.get("options")), ";"
            )
            result.append(_change(statement))
        elif not (have.get("options_hidden") or want.get("options_hidden")):
            options = alter_options(have.get("options"), want.get("options"))
            if options[0]:
                result.append(_change(_join(f"ALTER USER MAPPING {_for(want)}", options, ";")))
    return result


# -- foreign tables ---------------------------------------------------------------------


def _columns(catalog: Catalog, table: str) -> list[Column]:
    """The table's columns in their order (`foreign_table.columns`)."""
    by_name = {attrs.name: attrs for attrs in catalog.columns.values() if attrs.table == table}
    order = catalog.snapshot["foreign_table"][table].get("columns") or []
    return [by_name[name] for name in order if name in by_name]


def _checks(catalog: Catalog, table: str) -> dict[str, Constraint]:
    return {
        attrs.name: attrs
        for attrs in catalog.constraints.values()
        if attrs.table == table and attrs.type == "check" and attrs.local
    }


def _tables_recreated(current: Catalog, desired: Catalog, servers_again: set[str]) -> set[str]:
    """Foreign tables both sides have that no ALTER turns into the desired one: another
    server (or one created again), other parents, columns in another order (columns
    are added at the end)."""
    result = set()
    have_all = current.snapshot.get("foreign_table", {})
    for identity, want in desired.snapshot.get("foreign_table", {}).items():
        have = have_all.get(identity)
        if have is None:
            continue
        parents = [
            (table.inherits, table.partition_of, table.partition_bound)
            if table is not None
            else (None, None, None)
            for table in (current.tables.get(identity), desired.tables.get(identity))
        ]
        kept = [name for name in have.get("columns", []) if name in want.get("columns", [])]
        if (
            have.get("server") != want.get("server")
            or want.get("server") in servers_again
            or parents[0] != parents[1]
            or want.get("columns", [])[: len(kept)] != kept
        ):
            result.add(identity)
    return result


def _drop_tables(current: Snapshot, desired: Snapshot, again: set[str]) -> list[Change]:
    gone = sorted(set(_gone(current, desired, "foreign_table", set(), "server")) | again)
    return [_change((f"DROP FOREIGN TABLE {t};",) * 2) for t in gone]


def _tables(current: Catalog, desired: Catalog, again: set[str]) -> list[Change]:
    result = []
    have_all = current.snapshot.get("foreign_table", {})
    for identity, want in sorted(desired.snapshot.get("foreign_table", {}).items()):
        if identity in again or identity not in have_all:
            result += [_change(s) for s in _create_table(desired, identity, want)]
        else:
            result += [_change(s) for s in _alter_table(current, desired, identity, want)]
    return result


def _column_definition(column: Column) -> Statement:
    parts = [f"{ident(column.name)} {column.type}"]
    options = create_options(column.fdw_options)
    tail = ""
    if column.collation:
        tail += f" COLLATE {column.collation}"
    if column.not_null and column.local:
        tail += " NOT NULL"
    generated = column.generated
    if generated:
        tail += f" GENERATED ALWAYS AS ({generated.expression}) STORED"
    elif column.default is not None:
        tail += f" DEFAULT {column.default}"
    return _join(parts[0], options, tail)


def _create_table(desired: Catalog, identity: str, want: Attrs) -> list[Statement]:
    """CREATE FOREIGN TABLE (a partition's columns are its parent's), then the OPTIONS
    of the columns it inherits, which CREATE cannot state."""
    table = desired.tables.get(identity)
    columns = _columns(desired, identity)
    tail = _join(f" SERVER {want['server']}", create_options(want.get("options")), ";")
    if table is not None and table.partition_of:
        head = f"CREATE FOREIGN TABLE {identity} PARTITION OF {table.partition_of}"
        created = _join(head, f" {table.partition_bound}", tail)
    else:
        elements = [_column_definition(c) for c in columns if c.local]
        elements += [
            (f"CONSTRAINT {ident(name)} {check.definition}",) * 2
            for name, check in sorted(_checks(desired, identity).items())
        ]
        parents = (table.inherits if table is not None else None) or []
        inherits = f" INHERITS ({', '.join(parents)})" if parents else ""
        body = _join(*[part for n, e in enumerate(elements) for part in ((", " if n else ""), e)])
        created = _join(f"CREATE FOREIGN TABLE {identity} (", body, f"){inherits}", tail)
    result = [created]
    for column in columns:
        if not column.local and column.fdw_options:
            result.append(
                _join(
                    f"ALTER FOREIGN TABLE {identity} ALTER COLUMN {ident(column.name)}",
                    create_options(column.fdw_options),
                    ";",
                )
            )
    return result


def _alter_table(current: Catalog, desired: Catalog, identity: str, want: Attrs) -> list[Statement]:
    alter = f"ALTER FOREIGN TABLE {identity}"
    have_columns = {c.name: c for c in _columns(current, identity)}
    want_columns = {c.name: c for c in _columns(desired, identity)}
    result: list[Statement] = []
    have_checks, want_checks = _checks(current, identity), _checks(desired, identity)
    for name, check in sorted(have_checks.items()):
        other = want_checks.get(name)
        if (other.definition if other is not None else None) != check.definition:
            result.append((f"{alter} DROP CONSTRAINT {ident(name)};",) * 2)
    for name in have_columns.keys() - want_columns.keys():
        if have_columns[name].local:
            result.append((f"{alter} DROP COLUMN {ident(name)};",) * 2)
    for name, column in want_columns.items():
        have = have_columns.get(name)
        inherited = not column.local  # the parent's changes reach it
        if have is None and not inherited:
            result.append(_join(f"{alter} ADD COLUMN ", _column_definition(column), ";"))
        elif have is not None and not inherited:
            result += _alter_column(alter, have, column)
        elif column.fdw_options != (have.fdw_options if have is not None else None):
            options = alter_options(
                have.fdw_options if have is not None else None, column.fdw_options
            )
            result.append(_join(f"{alter} ALTER COLUMN {ident(name)}", options, ";"))
    for name, check in sorted(want_checks.items()):
        other = have_checks.get(name)
        if (other.definition if other is not None else None) != check.definition:
            result.append((f"{alter} ADD CONSTRAINT {ident(name)} {check.definition};",) * 2)
    options = alter_options(
        current.snapshot["foreign_table"][identity].get("options"), want.get("options")
    )
    if options[0]:
        result.append(_join(alter, options, ";"))
    return result


def _alter_column(alter: str, have: Column, want: Column) -> list[Statement]:
    column = f"{alter} ALTER COLUMN {ident(want.name)}"
    result: list[Statement] = []
    if (have.type, have.collation) != (want.type, want.collation):
        collate = f" COLLATE {want.collation}" if want.collation else ""
        result.append((f"{column} TYPE {want.type}{collate};",) * 2)
    if have.default != want.default:
        if want.default is None:
            result.append((f"{column} DROP DEFAULT;",) * 2)
        else:
            result.append((f"{column} SET DEFAULT {want.default};",) * 2)
    if bool(have.not_null) != bool(want.not_null):
        result.append((f"{column} {'SET' if want.not_null else 'DROP'} NOT NULL;",) * 2)
    options = alter_options(have.fdw_options, want.fdw_options)
    if options[0]:
        result.append(_join(column, options, ";"))
    return result


def _of(snapshot: Snapshot, kind: str) -> set[str]:
    return set(snapshot.get(kind, {}))


PLUGIN = Plugin(
    "foreign_data",
    early=early,
    late=late,
    after=("owners", "column_grants"),  # grants after owners; column_grants: (order kept)
)
