"""Aggregates (`CREATE AGGREGATE`): migra neither creates nor drops them. One whose
definition changes is dropped and created again. Created late, after the functions
they are made of.
"""

from __future__ import annotations

from typing import Any

from schematool.diff.gapkit.context import Context, changes
from schematool.diff.gapkit.plugin import Plugin
from schematool.grammar.change import Change
from schematool.inspect.records import Catalog, Function
from schematool.names import literal

Attrs = dict[str, Any]

_MODIFY = {"r": "READ_ONLY", "s": "SHAREABLE", "w": "READ_WRITE"}
_PARALLEL = {"s": "SAFE", "r": "RESTRICTED"}  # "u" (unsafe) is the default
_NONE = (None, "-", "0")  # regproc and regoperator spell "none" as - and 0


def late(context: Context) -> list[Change]:
    have_all = _aggregates(context.current_catalog)
    want_all = _aggregates(context.desired_catalog)
    result = [
        f"DROP AGGREGATE {identity};" for identity in sorted(have_all.keys() - want_all.keys())
    ]
    for identity, want in sorted(want_all.items()):
        have = have_all.get(identity)
        if have is not None and have.aggregate != want.aggregate:
            result.append(f"DROP AGGREGATE {identity};")
            have = None
        if have is None:
            result.append(_create(identity, want.aggregate))
    return changes(result)


def _aggregates(catalog: Catalog) -> dict[str, Function]:
    return {
        identity: attrs
        for identity, attrs in catalog.functions.items()
        if attrs.kind == "aggregate" and attrs.aggregate
    }


def _create(identity: str, agg: Attrs) -> str:
    options = [f"SFUNC = {agg['transfn']}", f"STYPE = {agg['transtype']}"]
    if agg.get("transspace"):
        options.append(f"SSPACE = {agg['transspace']}")
    if agg.get("finalfn") not in _NONE:
        options.append(f"FINALFUNC = {agg['finalfn']}")
        if agg.get("finalextra"):
            options.append("FINALFUNC_EXTRA")
        options.append(f"FINALFUNC_MODIFY = {_MODIFY[agg.get('finalmodify', 'r')]}")
    for option, key in (
        ("COMBINEFUNC", "combinefn"),
        ("SERIALFUNC", "serialfn"),
        ("DESERIALFUNC", "deserialfn"),
    ):
        if agg.get(key) not in _NONE:
            options.append(f"{option} = {agg[key]}")
    if agg.get("initval") is not None:
        options.append(f"INITCOND = {literal(agg['initval'])}")
    if agg.get("mtransfn") not in _NONE:
        options += [
            f"MSFUNC = {agg['mtransfn']}",
            f"MINVFUNC = {agg['minvtransfn']}",
            f"MSTYPE = {agg['mtranstype']}",
        ]
        if agg.get("mtransspace"):
            options.append(f"MSSPACE = {agg['mtransspace']}")
        if agg.get("mfinalfn") not in _NONE:
            options.append(f"MFINALFUNC = {agg['mfinalfn']}")
            if agg.get("mfinalextra"):
                options.append("MFINALFUNC_EXTRA")
            options.append(f"MFINALFUNC_MODIFY = {_MODIFY[agg.get('mfinalmodify', 'r')]}")
        if agg.get("minitval") is not None:
            options.append(f"MINITCOND = {literal(agg['minitval'])}")
    if agg.get("sortop") not in _NONE:
        options.append(f"SORTOP = {agg['sortop'].split('(', 1)[0]}")
    if agg.get("kind") == "h":
        options.append("HYPOTHETICAL")
    if agg.get("parallel") in _PARALLEL:
        options.append(f"PARALLEL = {_PARALLEL[agg['parallel']]}")
    return f"CREATE AGGREGATE {identity} ({', '.join(options)});"


PLUGIN = Plugin(
    "aggregates",
    late=late,
    after=("functions", "rules"),  # made of functions; rules: (order kept)
)
