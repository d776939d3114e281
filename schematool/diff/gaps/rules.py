"""Rewrite rules (`CREATE RULE`) and whether they fire: migra does not see them.

A rule on a table or view the plan drops (perhaps to recreate it) went with it.
"""

from __future__ import annotations

from schematool.diff.gapkit.context import Context, changes
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar.change import Change
from schematool.names import ident

_ENABLE = {
    "enabled": "ENABLE RULE",
    "disabled": "DISABLE RULE",
    "replica": "ENABLE REPLICA RULE",
    "always": "ENABLE ALWAYS RULE",
}


def late(context: Context) -> list[Change]:
    have_all = context.current.get("rule", {})
    want_all = context.desired.get("rule", {})
    result = []
    for identity in sorted(have_all.keys() - want_all.keys()):
        if f"rule:{identity}" not in context.dropped:
            have = have_all[identity]
            result.append(f"DROP RULE {ident(have['name'])} ON {have['table']};")
    for identity, want in sorted(want_all.items()):
        have = have_all.get(identity)
        if have is None or f"rule:{identity}" in context.dropped:
            have = {"enabled": "enabled"}
            result.append(want["definition"])
        elif have["definition"] != want["definition"]:
            # pg_get_ruledef() begins every definition with CREATE RULE
            result.append(
                "CREATE OR REPLACE RULE " + want["definition"].removeprefix("CREATE RULE ")
            )
        if have.get("enabled") != want.get("enabled"):
            action = _ENABLE[want.get("enabled", "enabled")]
            result.append(f"ALTER TABLE {want['table']} {action} {ident(want['name'])};")
    return changes(result)


PLUGIN = Plugin(
    "rules",
    late=late,
    after=("statistics",),  # (order kept)
)
