"""What a gap plug-in declares, and the registry that orders and checks the plug-ins.

Each module of `schematool.diff.gaps` ends with `PLUGIN = Plugin(...)`: its name (the
module's), the phases it acts in (`early`, `in_place`, `late`: see `schematool.diff.gaps`),
for `in_place` the (kind, operation) pairs of the changes it may replace (an op's `kind`
and `what`: `("column", "type")`), and the plug-ins it must run after (or before).

`ordered` turns the declarations into the one order the plug-ins run in, in every
phase: each after the plug-ins it names, ties broken by name, so where a plug-in is
registered means nothing. It refuses, naming the culprit: a name registered twice, a
constraint naming no plug-in, constraints in a cycle, a plug-in with no phase, an
`in_place` with no pairs (or pairs with no `in_place`), a module of the folder that is
not registered and a plug-in with no module of its name.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from schematool.diff.gapkit.context import Context
from schematool.grammar.change import Change

Replacements = dict[Change, list[Change]]  # one of migra's changes -> what runs instead
Pair = tuple[str, str]  # (an op's kind, its what): ("constraint", "drop constraint")


class RegistryError(Exception):
    """A gap plug-in declared or registered wrongly: a bug, found when the registry is
    built (at import)."""


@dataclass(frozen=True)
class Plugin:
    """One gap module's declaration: what it does, and where it runs among the others.

    `early(context)` returns changes for the main phase, placed after migra's first
    (schemas, extensions, collations, enums, sequences); `in_place(context)` returns
    replacements of migra's changes, each of which must have an op in `in_place_for`;
    `late(context)` returns the late phase's changes. `after` and `before` name other
    plug-ins: their early changes, replacements and late changes come before (after)
    this one's."""

    name: str
    early: Callable[[Context], list[Change]] | None = None
    in_place: Callable[[Context], Replacements] | None = None
    in_place_for: tuple[Pair, ...] = ()
    late: Callable[[Context], list[Change]] | None = None
    after: tuple[str, ...] = ()
    before: tuple[str, ...] = ()

    def may_replace(self, change: Change) -> bool:
        """Whether `change` does one of the (kind, operation) pairs `in_place_for` names."""
        return any((op.kind, op.what) in self.in_place_for for op in change.ops)


def ordered(plugins: Iterable[Plugin], modules: Iterable[str] | None = None) -> tuple[Plugin, ...]:
    """The plug-ins in the order they run, checked (see the module). `modules`: the
    names of the modules in the plug-ins' folder, each of which must be registered
    (None: no folder to check, as for stand-ins in tests)."""
    by_name: dict[str, Plugin] = {}
    for plugin in plugins:
        if plugin.name in by_name:
            raise RegistryError(f"gap plug-in {plugin.name!r} is registered twice")
        by_name[plugin.name] = plugin
    for plugin in by_name.values():
        _check(plugin, by_name)
    if modules is not None:
        _check_folder(by_name, set(modules))
    return _topological(by_name)


def _check(plugin: Plugin, known: dict[str, Plugin]) -> None:
    name = plugin.name
    if plugin.early is None and plugin.in_place is None and plugin.late is None:
        raise RegistryError(f"gap plug-in {name!r} declares no phase (early, in_place, late)")
    if plugin.in_place is not None and not plugin.in_place_for:
        raise RegistryError(
            f"gap plug-in {name!r} replaces changes in place but declares no (kind,"
            " operation) pairs it replaces (in_place_for)"
        )
    if plugin.in_place is None and plugin.in_place_for:
        raise RegistryError(f"gap plug-in {name!r} declares in_place_for but no in_place")
    for other in (*plugin.after, *plugin.before):
        if other not in known:
            raise RegistryError(f"gap plug-in {name!r} is ordered against unknown {other!r}")


def _check_folder(known: dict[str, Plugin], modules: set[str]) -> None:
    unregistered = sorted(modules - known.keys())
    if unregistered:
        raise RegistryError(
            f"gap module(s) {', '.join(unregistered)} not registered (schematool.diff.gaps)"
        )
    homeless = sorted(known.keys() - modules)
    if homeless:
        raise RegistryError(f"gap plug-in(s) {', '.join(homeless)} have no module of their name")


def _topological(by_name: dict[str, Plugin]) -> tuple[Plugin, ...]:
    """Each plug-in after those it must follow; of those free to go, the first by name."""
    waiting: dict[str, set[str]] = {name: set(p.after) for name, p in by_name.items()}
    for plugin in by_name.values():
        for later in plugin.before:
            waiting[later].add(plugin.name)
    ready = [name for name, needs in waiting.items() if not needs]
    heapq.heapify(ready)
    for name in ready:
        del waiting[name]
    order: list[Plugin] = []
    while ready:
        name = heapq.heappop(ready)
        order.append(by_name[name])
        for other, needs in list(waiting.items()):
            needs.discard(name)
            if not needs:
                del waiting[other]
                heapq.heappush(ready, other)
    if waiting:
        raise RegistryError(f"gap plug-ins ordered in a cycle: {_cycle(waiting)}")
    return tuple(order)


def _cycle(waiting: dict[str, set[str]]) -> str:
    """One cycle among the plug-ins left waiting, as `a -> b -> a` (a runs after b)."""
    path = [min(waiting)]
    while True:
        following = min(n for n in waiting[path[-1]] if n in waiting)
        if following in path:
            loop = path[path.index(following) :] + [following]
            return " -> ".join(loop)
        path.append(following)
