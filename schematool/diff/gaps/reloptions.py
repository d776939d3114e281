"""Storage parameters and view options: `ALTER TABLE | MATERIALIZED VIEW | VIEW | INDEX
... SET (...) / RESET (...)`. migra neither compares nor creates them (fillfactor,
autovacuum settings, security_invoker, security_barrier, check_option, ...).

A relation the plan creates or recreates starts without options; so does a view the
plan replaces (`CREATE OR REPLACE VIEW` replaces its options with those it names, and
migra names none). A table's TOAST table's options are the table's `toast.` ones.
"""

from __future__ import annotations

from schematool.diff.gapkit.context import Context, changes
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar.change import Change
from schematool.names import keywords, literal, node_of

_KEYWORDS = keywords("table", "materialized_view", "view")


def late(context: Context) -> list[Change]:
    current, desired, dropped = context.current, context.desired, context.dropped
    result = []
    for kind, keyword in _KEYWORDS.items():
        for identity, want in sorted(desired.get(kind, {}).items()):
            have = current.get(kind, {}).get(identity)
            gone = have is None or f"{kind}:{identity}" in dropped
            gone = gone or (kind == "view" and _replaced(context, kind, identity))
            old = [] if gone else have.get("options", [])
            result += option_changes(f"ALTER {keyword} {identity}", old, want.get("options", []))
            if kind == "table":
                old = [] if gone else _toast(have)
                result += option_changes(f"ALTER TABLE {identity}", old, _toast(want))
    return changes(result)


def _replaced(context: Context, kind: str, identity: str) -> bool:
    """Whether a change before creates the view again in place (CREATE OR REPLACE)."""
    node = node_of(kind, identity)
    return node is not None and any(op.replace for _, op in context.ops(node, "create"))


def _toast(attrs: dict) -> list[str]:
    return [f"toast.{option}" for option in attrs.get("toast_options", [])]


def option_changes(alter: str, have: list[str], want: list[str]) -> list[str]:
    """`{alter} RESET (...)` of the options that go, `{alter} SET (...)` of the ones that
    come or change (`alter` is `ALTER TABLE t`, `ALTER INDEX i`, ...), leaving them in
    `want`'s order: a SET keeps the options it does not name where they were and puts
    the ones it names after them, in its order, so where that would not give `want`'s
    order all of `want` is set again (pg_dump prints options in their stored order)."""
    old, new = _parse(have), _parse(want)
    result = []
    gone = [name for name in old if name not in new]
    if gone:
        result.append(f"{alter} RESET ({', '.join(gone)});")
    changed = [name for name, value in new.items() if old.get(name) != value]
    kept = [name for name in old if name in new and name not in changed]
    if kept + changed != list(new):
        changed = list(new)
    if changed:
        settings = ", ".join(f"{name}={literal(new[name])}" for name in changed)
        result.append(f"{alter} SET ({settings});")
    return result


def _parse(options: list[str]) -> dict[str, str]:
    return dict(option.split("=", 1) for option in options)


PLUGIN = Plugin(
    "reloptions",
    late=late,
    after=("not_null_names",),  # (order kept)
)
