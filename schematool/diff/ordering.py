"""Plan statements in dependency order, not in migra's fixed phases.

migra emits statements phase by phase (functions after every table, tables in name
order), so a CHECK, a default or a generated column calling a function the plan creates
fails with "function does not exist", a partition can come before its parent, and a
function the plan drops can still be used by a default the plan drops later. Here each
change says what it creates, drops or alters (`Change.effects`, read with PostgreSQL's
grammar by `schematool.grammar.reader`), and the dependency
graphs of both databases (`schematool.inspect.graph`) say which must come first:

- desired database, A depends on B: statements creating or altering B come before those
  creating or altering A (a function before the table whose default calls it, a column's
  new type before the view reading it, an inner view before the outer one). Through
  function bodies too: what a CHECK or default runs when it is added must exist then;
- target database, A depends on B: dropping or altering A comes before dropping B, and
  dropping A before altering B (a view goes before the column it reads changes type);
- a drop (or rename) of a name comes before a creation of that name, and the creation
  before what alters the new object (`VALIDATE CONSTRAINT` after its `ADD CONSTRAINT
  ... NOT VALID`, when the constraint keeps its name but moves); the target's
  dependencies are the old object's and do not hold such alterations back;
- a constraint's drop comes before the drop of its index (named as the constraint):
  migra drops both, and PostgreSQL refuses to drop a constraint's index by itself.

`stable_order` keeps the input order wherever no edge says otherwise: it pulls what a
statement needs to just before it, so an order migra got right stays as it was. A cycle
(over-approximated edges, or a genuine knot) keeps its statements in input order.

The phase of a change is the sort's first key: the gap modules' late changes start after
all others, and only what they create or drop moves them (`by_dependencies`). The
drops and creations of views (and other dependents) around what the plan drops or
retypes are `schematool.diff.dependents`', made before the late phase.

One rule remains that no catalog holds, because it is a setting, not an object:
`set check_function_bodies = off` must precede every function creation (bodies are not
checked, so a body may name tables created later); it moves ahead of the first one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from schematool.grammar.change import ALTER, CREATE, DROP, RENAME, SET, USE, Change, Effect, Phase
from schematool.inspect.graph import Graph, owner
from schematool.names import Node

NO_BODY_CHECK = "set check_function_bodies = off;"


# -- the order ----------------------------------------------------------------------------


def by_dependencies(changes: Sequence[Change], current: Graph, desired: Graph) -> list[Change]:
    """`changes` in an order both databases' dependencies allow (see the module
    docstring), as close to the given order as that allows.

    A change's phase is its sort key: the late phase (`Phase.LATE`: what the gap
    modules add after migra's work) starts after everything else, and only what it
    creates, drops, renames or uses moves it (an aggregate a view needs comes before the
    view); what it merely sets (owners, options, grants, comments) stays behind. A late
    drop of a name an earlier change made (an enum migra renamed aside, its old version
    dropped late) is no replacement: it stays after that change."""
    ordered = sorted(range(len(changes)), key=lambda i: changes[i].phase)
    changes = [changes[i] for i in ordered]
    found = [c.effects() if c.phase == Phase.MAIN else _placing(c) for c in changes]
    before = required_before(found, current, desired)
    made = {
        node: i
        for i, change in enumerate(changes)
        if change.phase == Phase.MAIN
        for action, node in found[i]
        if action == CREATE
    }
    for j, change in enumerate(changes):
        if change.phase == Phase.MAIN:
            continue
        for action, node in found[j]:
            if action == DROP and node in made:
                before.get(made[node], set()).discard(j)
                before.setdefault(j, set()).add(made[node])
    return _body_check_first([changes[i] for i in stable_order(len(changes), before)])


def needs_placing(late: Sequence[Change]) -> bool:
    """Whether some late change (`gaps.statements`) creates or drops an object, so
    that an earlier change may depend on it (a view on a new aggregate) or it on one
    (an aggregate dropped before its state function is). Grants, comments, owners and
    options never need placing."""
    return any(_placing(c) for c in late)


_PLACED = (CREATE, DROP, RENAME, USE)


def _placing(change: Change) -> list[Effect]:
    return [(action, node) for action, node in change.effects() if action in _PLACED]


def required_before(
    statement_effects: Sequence[list[Effect]], current: Graph, desired: Graph
) -> dict[int, set[int]]:
    """For each statement (by position), the statements that must run before it."""
    index = _Index(statement_effects)
    before: dict[int, set[int]] = {}

    def add(first: Iterable[int], then: Iterable[int]) -> None:
        then = list(then)
        for i in first:
            for j in then:
                if i != j:
                    before.setdefault(j, set()).add(i)

    for node in index.nodes():
        add(index.find(node, DROP, RENAME), index.find(node, CREATE))
        add(index.find(node, CREATE), index.find(node, USE))
        for position in index.of_new(node):
            add([c for c in index.find(node, CREATE) if c < position], [position])
        if node[0] == "con":  # a key's index (named as its constraint) goes with it
            add(index.own(node, DROP), index.find(("rel", node[1], node[3]), DROP))
    for dependent, referenced in (
        *desired.edges(),
        *desired.run_time_edges(),
        *desired.use_edges(),
    ):
        if dependent in index or referenced in index:
            add(index.find(referenced, CREATE, ALTER), index.find(dependent, CREATE, ALTER, SET))
    for dependent, referenced in current.edges():
        if dependent in index or referenced in index:
            add(index.of_old(dependent, DROP, ALTER, SET), index.find(referenced, DROP))
            add(index.find(dependent, DROP), index.of_old(referenced, ALTER))
    return before


class _Index:
    """Statements by the objects they act on. A column, constraint, trigger, policy or
    rule goes with the statement dropping its table, and comes with the one creating it
    unless a statement of its own adds it."""

    def __init__(self, statement_effects: Sequence[list[Effect]]) -> None:
        self._by: dict[Node, dict[str, list[int]]] = {}
        for position, found in enumerate(statement_effects):
            for action, node in found:
                self._by.setdefault(node, {}).setdefault(action, []).append(position)

    def __contains__(self, node: Node) -> bool:
        parent = owner(node)
        return node in self._by or (parent is not None and parent in self._by)

    def nodes(self) -> Iterable[Node]:
        return self._by.keys()

    def of_new(self, node: Node) -> list[int]:
        """The statements altering or setting `node` after the plan (re)creates it (a
        constraint validated after its ADD ... NOT VALID, a column given a default after
        it is added again): they act on the new object, which must exist first."""
        created = self.find(node, CREATE)
        if not created:
            return []
        first = min(created)
        return [i for i in self.find(node, ALTER, SET) if i > first]

    def of_old(self, node: Node, *actions: str) -> list[int]:
        """`find`, less what acts on the object the plan creates in place of the old
        one (`of_new`): the target's dependencies are the old object's."""
        new = set(self.of_new(node))
        return [i for i in self.find(node, *actions) if i not in new]

    def own(self, node: Node, action: str) -> list[int]:
        """The statements acting on `node` itself (not on the table it belongs to: a
        constraint's own DROP CONSTRAINT, not its table's DROP TABLE)."""
        return list(self._by.get(node, {}).get(action, ()))

    def find(self, node: Node, *actions: str) -> list[int]:
        own = self._by.get(node, {})
        found = [i for a in actions for i in own.get(a, ())]
        parent = owner(node)
        if parent is not None:
            whole = self._by.get(parent, {})
            if DROP in actions:
                found += whole.get(DROP, ())
            if CREATE in actions and CREATE not in own:  # made inline, not added later
                found += whole.get(CREATE, ())
        return found


def stable_order(count: int, before: Mapping[int, Iterable[int]]) -> list[int]:
    """Positions 0..count-1 in an order where each comes after everything in its
    `before`, otherwise in input order: each position in turn is placed after pulling in,
    just ahead of it, whatever it still waits for. Positions on a cycle form one group
    that keeps its input order and moves as a whole."""
    group_of, groups = _strongly_connected(count, before)
    group_before: list[set[int]] = [set() for _ in groups]
    for position in range(count):
        mine = group_of[position]
        group_before[mine].update(
            group_of[p] for p in before.get(position, ()) if group_of[p] != mine
        )
    placed: list[int] = []
    done = [False] * len(groups)

    def place(group: int) -> None:
        stack = [(group, iter(sorted(group_before[group], key=lambda g: groups[g][0])))]
        done[group] = True
        while stack:
            current, waiting = stack[-1]
            nxt = next((g for g in waiting if not done[g]), None)
            if nxt is None:
                stack.pop()
                placed.extend(groups[current])
            else:
                done[nxt] = True
                stack.append((nxt, iter(sorted(group_before[nxt], key=lambda g: groups[g][0]))))

    for position in range(count):
        if not done[group_of[position]]:
            place(group_of[position])
    return placed


def _strongly_connected(
    count: int, before: Mapping[int, Iterable[int]]
) -> tuple[list[int], list[list[int]]]:
    """Tarjan's algorithm, iterative: each position's group, and each group's positions
    in input order (groups numbered by their first position)."""
    index_of = [-1] * count
    low = [0] * count
    on_stack = [False] * count
    stack: list[int] = []
    found: list[list[int]] = []
    counter = 0
    for root in range(count):
        if index_of[root] != -1:
            continue
        work = [(root, iter(sorted(before.get(root, ()))))]
        index_of[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        while work:
            node, edges = work[-1]
            nxt = next(edges, None)
            if nxt is not None:
                if index_of[nxt] == -1:
                    index_of[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack[nxt] = True
                    work.append((nxt, iter(sorted(before.get(nxt, ())))))
                elif on_stack[nxt]:
                    low[node] = min(low[node], index_of[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index_of[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack[member] = False
                    component.append(member)
                    if member == node:
                        break
                found.append(sorted(component))
    found.sort(key=lambda members: members[0])
    group_of = [0] * count
    for number, members in enumerate(found):
        for member in members:
            group_of[member] = number
    return group_of, found


def _body_check_first(changes: list[Change]) -> list[Change]:
    """`set check_function_bodies = off` ahead of the first function creation, which
    may have moved ahead of it; once is enough (it lasts for the session)."""
    settings = [i for i, c in enumerate(changes) if _is_body_check(c)]
    if not settings:
        return changes
    setting = changes[settings[0]]
    rest = [c for i, c in enumerate(changes) if i not in settings]
    first = next((i for i, c in enumerate(rest) if _creates_function(c)), None)
    position = settings[0] if first is None else min(settings[0], first)
    return rest[:position] + [setting] + rest[position:]


def _is_body_check(change: Change) -> bool:
    return change.op.what == "setting" and change.object == ("setting", "check_function_bodies")


def _creates_function(change: Change) -> bool:
    return any(op.effect == CREATE and op.kind in ("function", "procedure") for op in change.ops)
