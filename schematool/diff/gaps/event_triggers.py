"""Event triggers: migra does not see them. One that changes is dropped and created
again (only whether it fires can be altered, `ALTER EVENT TRIGGER ... ENABLE`).
"""

from __future__ import annotations

from typing import Any

from schematool.diff.gapkit.context import Context, changes
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar.change import Change
from schematool.names import ident, literal

_ENABLE = {
    "enabled": "ENABLE",
    "disabled": "DISABLE",
    "replica": "ENABLE REPLICA",
    "always": "ENABLE ALWAYS",
}


def late(context: Context) -> list[Change]:
    have_all = context.current.get("event_trigger", {})
    want_all = context.desired.get("event_trigger", {})
    result = [
        f"DROP EVENT TRIGGER {identity};" for identity in sorted(have_all.keys() - want_all.keys())
    ]
    for identity, want in sorted(want_all.items()):
        have = have_all.get(identity)
        if have is not None and _definition(have) != _definition(want):
            result.append(f"DROP EVENT TRIGGER {identity};")
            have = None
        if have is None:
            result.append(_create(identity, want))
            have = {"enabled": "enabled"}
        if have.get("enabled") != want.get("enabled"):
            result.append(f"ALTER EVENT TRIGGER {identity} {_ENABLE[want['enabled']]};")
    return changes(result)


def _definition(attrs: dict[str, Any]) -> tuple[Any, ...]:
    return attrs.get("event"), attrs.get("function"), attrs.get("tags")


def _create(identity: str, want: dict[str, Any]) -> str:
    when = ""
    if want.get("tags"):
        when = f" WHEN TAG IN ({', '.join(literal(t) for t in want['tags'])})"
    function = want["function"].split("(", 1)[0]
    return (
        f"CREATE EVENT TRIGGER {identity} ON {ident(want['event'])}{when}"
        f" EXECUTE FUNCTION {function}();"
    )


PLUGIN = Plugin(
    "event_triggers",
    late=late,
    after=("operators",),  # (order kept)
)
