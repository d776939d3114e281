"""Expressions a plan writes, written so that they load as the desired database holds them.

A plan writes CHECKs, defaults, generated columns, indexes, policies and domains from
their deparsed text (the desired database's catalog, as migra and the gap modules read
it), and deparsing is not a fixed point of parsing: `status IN ('a', 'b')` on a varchar
column deparses as `((status)::text = ANY ((ARRAY['a'::character varying, ...])::text[]))`,
which PostgreSQL parses with a cast on each element, another tree, which pg_dump shows.

`as_loaded` takes each expression a change writes (an object its ops create or alter
whose text the statement holds, as written faithfully: `grammar.faithful`) and has the
desired database's server parse that text in the object's place
(`inspect.comparable.reparsing`). Where it reads back as something else, the text the
schema files spell it with (`grammar.spelled`), parsed there the same way, replaces it,
when one reads back as the desired database holds it. The change records every
expression it now writes exactly (`Change.written`): apply's verification compares
those as stored, text for text, and everything else by meaning, so that an object the
plan leaves alone is never rebuilt for its spelling. One probe per expression a plan
writes (a rolled-back DDL statement on a temporary copy of its table); the files are
read only when some text does not load back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from schematool.diff.comparison import Comparison
from schematool.grammar import spelled as spelling
from schematool.grammar.change import ALTER, CREATE, SET, Change, Op
from schematool.grammar.faithful import faithful
from schematool.grammar.lexer import tokens
from schematool.grammar.spelled import Spelled
from schematool.inspect.catalog import Snapshot
from schematool.inspect.comparable import Expression, reparsing
from schematool.names import qualified, split_name
from schematool.project.files import SchemaFile

Key = tuple[str, str, tuple[str, ...]]  # (snapshot kind, identity, path)

_MOST_CANDIDATES = 20  # texts tried for one expression (unnamed CHECKs of one table)


@dataclass(frozen=True)
class _Target:
    """One expression attribute of the desired schema that a change writes."""

    key: Key
    probe: str  # how comparable re-parses it
    attribute: str  # how the schema files spell it (grammar.spelled)
    stored: str  # the desired database's text
    planned: str  # as the statement holds it (written faithfully or not)

    def expression(self, text: str) -> Expression:
        kind, identity, path = self.key
        return Expression(kind, identity, path, text, self.stored, self.probe)

    def with_source(self, source: str) -> str:
        """The attribute's text with the expression the file spells in its place."""
        if self.attribute == spelling.INDEX:
            return self.stored[: _first_parenthesis(self.stored)] + source
        if self.attribute in (spelling.CHECK, spelling.DOMAIN_CHECK):
            opening, closing = _check_group(self.stored)
            return f"{self.stored[:opening]}({source}){self.stored[closing + 1 :]}"
        return source if _parenthesized(source) else f"({source})"


def as_loaded(comparison: Comparison, changes: list[Change]) -> list[Change]:
    """`changes` with each expression they write in a text that loads as the desired
    database holds it, where one is found, and each recording what it writes so."""
    desired = comparison.desired_snapshot
    tables = _by_table(desired)
    found = [(n, found) for n, c in enumerate(changes) if (found := _targets(c, desired, tables))]
    if not found:
        return changes
    result = list(changes)
    sources = _Sources(comparison.desired.files)
    with reparsing(comparison.desired_url, desired) as prober:
        every = [target for _, targets in found for target in targets]
        read = prober.many([(t.expression(t.planned), t.planned) for t in every])
        planned = dict(zip((id(t) for t in every), read, strict=True))
        for number, targets in found:
            result[number] = _rewritten(
                result[number], [(t, planned[id(t)]) for t in targets], desired, prober, sources
            )
    return result


def _rewritten(
    change: Change,
    targets: list[tuple[_Target, str | None]],
    desired: Snapshot,
    reparse: Callable[[Expression, str], str | None],
    sources: _Sources,
) -> Change:
    """The change with each target's text that reads back as another (`planned`: what
    the planned text reads back as) replaced by the files' text that does not."""
    text, written = change.sql, []
    for target, planned in targets:
        if planned == target.stored:
            written.append(target.key)
            continue
        if planned is None:  # not probed there (a policy naming its own table): left as it is
            continue
        if target.planned not in text:  # another target's text took its place
            continue
        for source in sources.candidates(target, desired):
            candidate = target.with_source(source)
            if reparse(target.expression(candidate), candidate) == target.stored:
                text = text.replace(target.planned, candidate)
                written.append(target.key)
                break
    if text == change.sql and not written:
        return change
    return replace(change, sql=text, written=tuple(dict.fromkeys(written)))


# -- what a change writes -------------------------------------------------------------------

_PROBES = {
    ("constraint", "definition"): ("check", spelling.CHECK),
    ("column", "default"): ("default", spelling.DEFAULT),
    ("column", "generated"): ("generated", spelling.GENERATED),
    ("index", "definition"): ("index", spelling.INDEX),
    ("policy", "using"): ("policy_using", spelling.USING),
    ("policy", "with_check"): ("policy_check", spelling.WITH_CHECK),
    ("domain", "default"): ("domain_default", spelling.DOMAIN_DEFAULT),
    ("domain", "checks"): ("domain_check", spelling.DOMAIN_CHECK),
}
_WRITES = frozenset({CREATE, ALTER, SET})


def _by_table(desired: Snapshot) -> dict[str, list[tuple[str, str]]]:
    """The desired columns and CHECKs of each table: (kind, identity)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for kind in ("column", "constraint"):
        for identity, attrs in desired.get(kind, {}).items():
            found.setdefault(attrs.get("table", ""), []).append((kind, identity))
    return found


def _targets(
    change: Change, desired: Snapshot, tables: dict[str, list[tuple[str, str]]]
) -> list[_Target]:
    """The expressions of the objects the change creates or alters whose text its
    statement holds."""
    objects: dict[tuple[str, str], None] = {}
    for op in change.ops:
        for item in _objects_of(op, tables):
            objects[item] = None
    found = []
    for kind, identity in objects:
        attrs = desired.get(kind, {}).get(identity)
        if attrs is None:
            continue
        for path, stored in _expressions(kind, attrs):
            planned = faithful(stored)
            if planned not in change.sql:
                planned = stored
                if stored not in change.sql:
                    continue
            probe, attribute = _PROBES[(kind, path[0])]
            found.append(_Target((kind, identity, path), probe, attribute, stored, planned))
    return found


def _objects_of(op: Op, tables: dict[str, list[tuple[str, str]]]) -> list[tuple[str, str]]:
    if op.effect not in _WRITES or not op.node:
        return []
    identity = qualified(*op.node[1:])
    if op.kind == "table" and op.effect == CREATE:
        return tables.get(identity, [])
    if op.kind in ("column", "constraint", "index", "policy", "domain"):
        return [(op.kind, identity)]
    return []


def _expressions(kind: str, attrs: dict) -> Iterator[tuple[tuple[str, ...], str]]:
    """(path, text) of an object's expression attributes (comparable's, as stored)."""
    if kind == "constraint" and attrs.get("type") == "check":
        yield ("definition",), attrs["definition"]
    elif kind == "column":
        if attrs.get("default"):
            yield ("default",), attrs["default"]
        if (attrs.get("generated") or {}).get("expression"):
            yield ("generated", "expression"), attrs["generated"]["expression"]
    elif kind == "index" and not attrs.get("constraint"):
        yield ("definition",), attrs["definition"]
    elif kind == "policy":
        for clause in ("using", "with_check"):
            if attrs.get(clause):
                yield (clause,), attrs[clause]
    elif kind == "domain":
        if attrs.get("default"):
            yield ("default",), attrs["default"]
        for name, check in sorted((attrs.get("checks") or {}).items()):
            yield ("checks", name, "definition"), check["definition"]


# -- the schema files' own texts ------------------------------------------------------------


class _Sources:
    """The expressions the schema files spell, read when first needed."""

    def __init__(self, files: tuple[SchemaFile, ...]) -> None:
        self.files = files
        self._found: dict[tuple[str, str], list[Spelled]] | None = None

    def candidates(self, target: _Target, desired: Snapshot) -> list[str]:
        """The texts the files spell for this expression, the last written first: by
        its object's table (or domain) and name; an unnamed one of the same table too,
        as PostgreSQL names it itself."""
        kind, identity, path = target.key
        attrs = desired[kind][identity]
        owner = split_name(attrs["table"]) if "table" in attrs else split_name(identity)
        name = _name_of(kind, identity, path, attrs)
        texts = [
            s.text
            for s in reversed(self._spelled().get((target.attribute, owner[-1]), []))
            if (len(s.owner) == 1 or s.owner == owner) and s.name in (name, None)
        ]
        return list(dict.fromkeys(texts))[:_MOST_CANDIDATES]

    def _spelled(self) -> dict[tuple[str, str], list[Spelled]]:
        if self._found is None:
            self._found = {}
            for file in self.files:
                for item in spelling.spelled(file.text):
                    self._found.setdefault((item.attribute, item.owner[-1]), []).append(item)
        return self._found


def _name_of(kind: str, identity: str, path: tuple[str, ...], attrs: dict) -> str | None:
    if kind == "domain":
        return path[1] if path[0] == "checks" else None
    if kind == "index":
        return split_name(identity)[-1]
    return attrs.get("name")


def _first_parenthesis(definition: str) -> int:
    """Where an index definition's column list opens (pg_get_indexdef: nothing before
    it has a parenthesis but a quoted name)."""
    return next(start for kind, start, _ in tokens(definition) if kind == "(")


def _parenthesized(text: str) -> bool:
    """Whether `text` is one parenthesized group (as a default is often written)."""
    found = list(tokens(text))
    if not found or found[0][0] != "(":
        return False
    depth = 0
    for index, (kind, _, _) in enumerate(found):
        depth += (kind == "(") - (kind == ")")
        if depth == 0:
            return index == len(found) - 1
    return False


def _check_group(definition: str) -> tuple[int, int]:
    """The offsets of the parentheses around a CHECK definition's expression."""
    depth, opening = 0, -1
    for kind, start, _ in tokens(definition):
        if kind == "(":
            if depth == 0:
                opening = start
            depth += 1
        elif kind == ")":
            depth -= 1
            if depth == 0:
                return opening, start
    raise ValueError(f"not a CHECK definition: {definition!r}")
