"""`ignore` patterns: objects of the target that another team, tool or extension owns.

A pattern is `kind:glob`: a kind as `names.KINDS` names it (`table`, `function`,
`schema`, `materialized view`, ...) and an fnmatch-style glob, matched case-sensitively
on the object's canonical identity as snapshots write it (`legacy.orders`,
`public.pgp_sym_encrypt(bytea, text)`, `audit`). Read here, once, when the settings are
read, so a pattern naming no kind is a configuration error before anything connects;
which objects a pattern covers (an ignored table's columns, indexes and constraints
too) is `schematool.inspect.scope`'s.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase

from schematool.errors import ConfigError
from schematool.names import KINDS, Node

# the function snapshot kind holds every routine: which of them a pattern's kind means
ROUTINE_KINDS = {
    "function": ("function", "window function"),
    "procedure": ("procedure",),
    "aggregate": ("aggregate",),
    "routine": ("function", "window function", "procedure", "aggregate"),
}


@dataclass(frozen=True)
class Pattern:
    """One `kind:glob` pattern, as written (`text`) and read."""

    text: str
    kind: str  # a key of names.KINDS
    glob: str

    def matches(self, snapshot_kind: str, identity: str, routine: str | None = None) -> bool:
        """Whether the snapshot object (`snapshot_kind`, `identity`; for a routine, what
        the snapshot says it is) is of this pattern's kind and its identity matches."""
        if snapshot_kind not in KINDS[self.kind].snapshot:
            return False
        if snapshot_kind == "function" and routine not in ROUTINE_KINDS[self.kind]:
            return False
        return fnmatchcase(identity, self.glob)


@dataclass(frozen=True)
class IgnoreRules:
    """The project's ignore patterns (none: every object is managed)."""

    patterns: tuple[Pattern, ...] = ()
    # objects the `external` files create (as statements name them): left out whole
    external: frozenset[Node] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.patterns or self.external)

    def with_external(self, nodes: Iterable[Node]) -> IgnoreRules:
        """These rules, also leaving out the objects `nodes` name."""
        nodes = frozenset(nodes)
        return replace(self, external=self.external | nodes) if nodes else self


NO_RULES = IgnoreRules()


def parse_patterns(
    texts: Iterable[str], where: str = "pyproject.toml [tool.schematool] ignore"
) -> IgnoreRules:
    """Each text read as a pattern; the first that is not one is a `ConfigError` that
    names the setting and lists the kinds a pattern may name."""
    return IgnoreRules(tuple(parse_pattern(text, where) for text in texts))


def ignorable_kinds() -> list[str]:
    """The kinds a pattern may name: those a catalog snapshot holds."""
    return [name for name, kind in KINDS.items() if kind.snapshot]


def parse_pattern(text: str, where: str) -> Pattern:
    kind, colon, glob = text.partition(":")
    kind = kind.strip()
    if not colon or not glob.strip():
        raise ConfigError(
            f'{where}: {text!r} is not a pattern: write kind:name, e.g. "table:legacy.*"'
        )
    if kind not in KINDS or not KINDS[kind].snapshot:
        raise ConfigError(
            f"{where}: {text!r} names an unknown kind {kind!r} (kinds: "
            f"{', '.join(ignorable_kinds())})"
        )
    return Pattern(text, kind, glob.strip())
