"""Plan statements in dependency order, not in migra's fixed phases.

migra emits statements phase by phase (functions after every table, tables in name
order), so a CHECK, a default or a generated column calling a function the plan creates
fails with "function does not exist", a partition can come before its parent, and a
function the plan drops can still be used by a default the plan drops later. Here each
statement is read for what it creates, drops or alters (`effects`), and the dependency
graphs of both databases (`schematool.dependencies`) say which must come first:

- desired database, A depends on B: statements creating or altering B come before those
  creating or altering A (a function before the table whose default calls it, a column's
  new type before the view reading it, an inner view before the outer one). Through
  function bodies too: what a CHECK or default runs when it is added must exist then;
- target database, A depends on B: dropping or altering A comes before dropping B, and
  dropping A before altering B (a view goes before the column it reads changes type);
- a drop (or rename) of a name comes before a creation of that name.

`stable_order` keeps the input order wherever no edge says otherwise: it pulls what a
statement needs to just before it, so an order migra got right stays as it was. A cycle
(over-approximated edges, or a genuine knot) keeps its statements in input order.

Two helpers use the same graphs: `with_dependent_views` adds the drop and recreation of
views on something the plan drops and recreates (a table migra recreates, a generated
column dropped and added again before PostgreSQL 17: nothing replaced the views on it);
`place_late` puts the gap modules' late statements that create or drop (aggregates,
rules, domains) where the dependencies need them, for the callers that append
`gaps.statements`.

One rule remains that no catalog holds, because it is a setting, not an object:
`set check_function_bodies = off` must precede every function creation (bodies are not
checked, so a body may name tables created later); it moves ahead of the first one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from schematool.catalog import Snapshot
from schematool.dependencies import Graph, Node, owner
from schematool.hazards import unquote_one
from schematool.names import migra_name, split_name

NO_BODY_CHECK = "set check_function_bodies = off;"

CREATE, DROP, RENAME, USE = "create", "drop", "rename", "use"
ALTER = "alter"  # changes what dependents see: a column's type, a type's labels
SET = "set"  # changes what no dependent relies on: owners, options, flags, sequences
Effect = tuple[str, Node]  # (action, object)

_FLAGS = re.IGNORECASE | re.DOTALL
_IDENT = r'(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)'
_Q = rf"({_IDENT}(?:\s*\.\s*{_IDENT})*)"
_N = rf"({_IDENT})"
_EXISTS = r"(?:if\s+(?:not\s+)?exists\s+)?"
_REL_KINDS = r"(?:table|view|materialized\s+view|sequence|type|domain|index|foreign\s+table)"
_ROUTINES = r"(?:function|procedure|aggregate|routine)"

_CREATE_REL = re.compile(
    r"^\s*create\s+(?:or\s+replace\s+)?(?:(?:global\s+|local\s+)?(?:temp|temporary)\s+"
    rf"|unlogged\s+)?(?:recursive\s+)?{_REL_KINDS}\s+{_EXISTS}{_Q}",
    _FLAGS,
)
_CREATE_INDEX = re.compile(
    rf"^\s*create\s+(?:unique\s+)?index\s+(?:concurrently\s+)?{_EXISTS}{_N}?\s*"
    rf"on\s+(?:only\s+)?{_Q}",
    _FLAGS,
)
_CREATE_ROUTINE = re.compile(rf"^\s*create\s+(?:or\s+replace\s+)?{_ROUTINES}\s+{_Q}", _FLAGS)
_CREATE_ON = re.compile(  # triggers, policies, rules: named within their table
    rf"^\s*create\s+(?:or\s+replace\s+)?(?:constraint\s+)?(trigger|policy)\s+{_N}\s"
    rf".*?\bon\s+(?:only\s+)?{_Q}"
    rf"|^\s*create\s+(?:or\s+replace\s+)?(rule)\s+{_N}\s+as\s+on\s+\w+\s+to\s+(?:only\s+)?{_Q}",
    _FLAGS,
)
_CREATE_NAMED = re.compile(
    rf"^\s*create\s+(schema|extension|event\s+trigger|collation)\s+{_EXISTS}{_Q}", _FLAGS
)
_DROP_REL = re.compile(rf"^\s*drop\s+{_REL_KINDS}\s+(?:concurrently\s+)?{_EXISTS}{_Q}", _FLAGS)
_DROP_ROUTINE = re.compile(rf"^\s*drop\s+{_ROUTINES}\s+{_EXISTS}{_Q}", _FLAGS)
_DROP_ON = re.compile(rf"^\s*drop\s+(trigger|policy|rule)\s+{_EXISTS}{_N}\s+on\s+{_Q}", _FLAGS)
_DROP_NAMED = re.compile(
    rf"^\s*drop\s+(schema|extension|event\s+trigger|collation)\s+{_EXISTS}{_Q}", _FLAGS
)
_ALTER_TABLE = re.compile(
    rf"^\s*alter\s+(?:foreign\s+)?table\s+{_EXISTS}(?:only\s+)?{_Q}\s+(.*)", _FLAGS
)
_ALTER_REL = re.compile(rf"^\s*alter\s+{_REL_KINDS}\s+{_EXISTS}{_Q}\s+(.*)", _FLAGS)
_ALTER_ROUTINE = re.compile(rf"^\s*alter\s+{_ROUTINES}\s+{_Q}\s*(?:\([^)]*\))?\s*(.*)", _FLAGS)
_ALTER_ON = re.compile(rf"^\s*alter\s+(trigger|policy|rule)\s+{_N}\s+on\s+{_Q}\s+(.*)", _FLAGS)
_ALTER_NAMED = re.compile(
    rf"^\s*alter\s+(schema|extension|event\s+trigger|collation)\s+{_Q}\s+(.*)", _FLAGS
)
_RENAME_TO = re.compile(rf"^rename\s+to\s+{_N}", _FLAGS)
_OWNED_BY = re.compile(rf"\bowned\s+by\s+{_Q}", _FLAGS)
# ALTER TABLE actions that only set a property of the table: nothing waits for them
_TABLE_PROPERTY = re.compile(
    r"^(?:owner\s+to|(?:enable|disable|force|no\s+force)\s+row\s+level|set\s|reset\s"
    r"|replica\s+identity|cluster\s|set\s+without)",
    _FLAGS,
)
_SET_SCHEMA = re.compile(rf"^set\s+schema\s+{_N}", _FLAGS)

_NOT_A_COLUMN = r"(?:constraint|column|primary|unique|check|foreign|exclude)\b"
# ALTER TABLE actions: (pattern, action, what it names)
_TABLE_ACTIONS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern, _FLAGS), action, kind)
    for pattern, action, kind in (
        (rf"^add\s+column\s+{_EXISTS}{_N}", CREATE, "col"),
        (rf"^add\s+constraint\s+{_N}", CREATE, "con"),
        (rf"^drop\s+column\s+{_EXISTS}{_N}", DROP, "col"),
        (rf"^drop\s+constraint\s+{_EXISTS}{_N}", DROP, "con"),
        (rf"^(?:validate|alter)\s+constraint\s+{_N}", ALTER, "con"),
        (rf"^(?:enable|disable)\s+(?:replica\s+|always\s+)?trigger\s+{_N}", ALTER, "trigger"),
        (rf"^(?:enable|disable)\s+(?:replica\s+|always\s+)?rule\s+{_N}", ALTER, "rule"),
        (rf"^alter\s+(?:column\s+)?(?!constraint\b){_N}", ALTER, "col"),
        (rf"^add\s+(?!{_NOT_A_COLUMN}){_N}", CREATE, "col"),
        (rf"^drop\s+(?!{_NOT_A_COLUMN}){_N}", DROP, "col"),
    )
)
_TABLE_RENAMES = (
    (re.compile(rf"^rename\s+constraint\s+{_N}\s+to\s+{_N}", _FLAGS), "con"),
    (re.compile(rf"^rename\s+(?:column\s+)?(?!to\b){_N}\s+to\s+{_N}", _FLAGS), "col"),
)
_USING_INDEX = re.compile(rf"\busing\s+index\s+{_N}\s*;?\s*$", _FLAGS)
_PARTITION = re.compile(rf"^(?:attach|detach)\s+partition\s+{_Q}", _FLAGS)

_CREATE_FUNCTION = re.compile(r"^\s*create\s+(?:or\s+replace\s+)?(?:function|procedure)\s", _FLAGS)


# -- what a statement does ---------------------------------------------------------------


def names(qualified: str) -> tuple[str, ...]:
    """`"s"."t"` -> ("s", "t"); an unqualified name is in public (as migra and the gap
    modules always qualify, that is only a fallback)."""
    parts = tuple(unquote_one(p) for p in re.findall(_IDENT, qualified))
    return parts if len(parts) > 1 else ("public", *parts)


def effects(statement: str) -> list[Effect]:
    """What one plan statement creates, drops, alters or renames away, as graph nodes.
    Statements that change no object's existence or shape (grants, comments, settings)
    have none."""
    for reader in (_creates, _drops, _alters):
        found = reader(statement)
        if found is not None:
            return found
    return []


def _creates(statement: str) -> list[Effect] | None:
    if match := _CREATE_INDEX.match(statement):
        table = names(match.group(2))
        return [(CREATE, ("rel", table[0], unquote_one(match.group(1))))] if match.group(1) else []
    if match := _CREATE_REL.match(statement):
        return [(CREATE, ("rel", *names(match.group(1))))]
    if match := _CREATE_ROUTINE.match(statement):
        return [(CREATE, ("fn", *names(match.group(1))))]
    if match := _CREATE_ON.match(statement):
        kind, name, table = (g for g in match.groups() if g is not None)
        return [(CREATE, (kind.lower(), *names(table), unquote_one(name)))]
    if match := _CREATE_NAMED.match(statement):
        return [(CREATE, _named(match.group(1), match.group(2)))]
    return None


def _drops(statement: str) -> list[Effect] | None:
    if match := _DROP_REL.match(statement):
        return [(DROP, ("rel", *names(match.group(1))))]
    if match := _DROP_ROUTINE.match(statement):
        return [(DROP, ("fn", *names(match.group(1))))]
    if match := _DROP_ON.match(statement):
        kind = match.group(1).lower()
        return [(DROP, (kind, *names(match.group(3)), unquote_one(match.group(2))))]
    if match := _DROP_NAMED.match(statement):
        return [(DROP, _named(match.group(1), match.group(2)))]
    return None


def _alters(statement: str) -> list[Effect] | None:
    if match := _ALTER_TABLE.match(statement):
        return _table_action(names(match.group(1)), match.group(2).strip())
    if match := _ALTER_REL.match(statement):
        kind = match.group(0).split()[1].lower()  # types and domains change their values
        verb = ALTER if kind in ("type", "domain") else SET
        found = _renamed(("rel", *names(match.group(1))), match.group(2).strip(), verb)
        if owned := _OWNED_BY.search(match.group(2)):  # a sequence's column must exist
            found.append((USE, ("col", *names(owned.group(1)))))
        return found
    if match := _ALTER_ROUTINE.match(statement):
        return _renamed(("fn", *names(match.group(1))), match.group(2).strip(), SET)
    if match := _ALTER_ON.match(statement):
        node = (match.group(1).lower(), *names(match.group(3)), unquote_one(match.group(2)))
        return _renamed(node, match.group(4).strip(), SET)
    if match := _ALTER_NAMED.match(statement):
        node = _named(match.group(1), match.group(2))
        return _renamed(node, match.group(3).strip(), ALTER if node[0] == "ext" else SET)
    return None


def _named(kind: str, qualified: str) -> Node:
    kind = " ".join(kind.lower().split())
    if kind == "collation":
        return ("collation", *names(qualified))
    short = {"schema": "schema", "extension": "ext", "event trigger": "evt"}[kind]
    return (short, unquote_one(re.findall(_IDENT, qualified)[-1]))


def _renamed(node: Node, action: str, verb: str) -> list[Effect]:
    """An ALTER that may rename or move its object (the old name goes, a new one comes),
    else `verb` it; a new owner is only ever a property."""
    if match := _RENAME_TO.match(action):
        return [(RENAME, node), (CREATE, (*node[:-1], unquote_one(match.group(1))))]
    if (match := _SET_SCHEMA.match(action)) and node[0] in ("rel", "fn", "collation"):
        return [(RENAME, node), (CREATE, (node[0], unquote_one(match.group(1)), node[2]))]
    return [(SET if re.match(r"owner\s+to\b", action, _FLAGS) else verb, node)]


def _table_action(table: tuple[str, ...], action: str) -> list[Effect]:
    relation: Node = ("rel", *table)
    for pattern, kind in _TABLE_RENAMES:
        if match := pattern.match(action):
            old, new = (unquote_one(g) for g in match.groups())
            return [(RENAME, (kind, *table, old)), (CREATE, (kind, *table, new))]
    if match := _PARTITION.match(action):
        return [(ALTER, relation), (ALTER, ("rel", *names(match.group(1))))]
    if _RENAME_TO.match(action) or _SET_SCHEMA.match(action):
        return _renamed(relation, action, ALTER)
    for pattern, verb, kind in _TABLE_ACTIONS:
        if match := pattern.match(action):
            found = [(verb, (kind, *table, unquote_one(match.group(1))))]
            if index := _USING_INDEX.search(action):
                found.append((USE, ("rel", table[0], unquote_one(index.group(1)))))
            return found
    return [(SET if _TABLE_PROPERTY.match(action) else ALTER, relation)]


# -- views around what the plan recreates ----------------------------------------------


def with_dependent_views(
    statements: Sequence[str], current: Graph, current_views: Iterable[str], desired: Snapshot
) -> list[str]:
    """`statements` plus a drop and a recreation of each view (of `current_views`, the
    target's, by snapshot identity) that reads something the plan drops, when the plan
    does not replace the view itself: migra recreates a table (plain to partitioned)
    without a thought for the views on it, whose definitions did not change. The drops
    come first and the creations last; `by_dependencies` puts them in place. The drops
    are spelled as migra spells them, so the late gap modules restore the views' grants
    and comments."""
    acted = [effects(s) for s in statements]
    dropped = {node for found in acted for action, node in found if action == DROP}
    if not dropped:
        return list(statements)
    views = {("rel", *split_name(identity)): identity for identity in current_views}
    reached: list[Node] = []
    changed = True
    while changed:
        changed = False
        for dependent, referenced in current.edges():
            if (
                dependent in views
                and dependent not in dropped
                and (referenced in dropped or owner(referenced) in dropped)
            ):
                dropped.add(dependent)
                reached.append(dependent)
                changed = True
    wanted = [views[node] for node in reached if views[node] in desired.get("view", {})]
    drops = [f"drop view if exists {migra_name(identity)};" for identity in wanted]
    creates = [_create_view(identity, desired["view"][identity]) for identity in wanted]
    return drops + list(statements) + creates


def _create_view(identity: str, attributes: dict) -> str:
    options = attributes.get("options") or []
    spelled = f" with ({', '.join(options)})" if options else ""
    definition = attributes["definition"].strip().rstrip(";")
    return f"create view {migra_name(identity)}{spelled} as {definition};"


# -- the order ----------------------------------------------------------------------------


def by_dependencies(statements: Sequence[str], current: Graph, desired: Graph) -> list[str]:
    """`statements` in an order both databases' dependencies allow (see the module
    docstring), as close to the given order as that allows."""
    before = required_before([effects(s) for s in statements], current, desired)
    ordered = [statements[i] for i in stable_order(len(statements), before)]
    return _body_check_first(ordered)


def needs_placing(late: Sequence[str]) -> bool:
    """Whether some late statement (`gaps.statements`) creates or drops an object, so
    that an earlier statement may depend on it (a view on a new aggregate) or it on one
    (an aggregate dropped before its state function is). Grants, comments, owners and
    options never need placing."""
    return any(action in _PLACED for s in late for action, _ in effects(s))


_PLACED = (CREATE, DROP, RENAME, USE)


def place_late(
    early: Sequence[str], late: Sequence[str], current: Graph, desired: Graph
) -> list[str]:
    """`early` (as `diff_session` ordered them) followed by `late`, with the late
    statements that create or drop something moved where the dependencies require.
    What late statements merely alter (owners, options, RLS flags) stays behind."""
    found = [effects(s) for s in early]
    found += [[(a, n) for a, n in effects(s) if a in _PLACED] for s in late]
    combined = [*early, *late]
    before = required_before(found, current, desired)
    # a late drop of a name an early statement made (an enum migra renamed aside, its
    # old version dropped by the late phase) is not a replacement: it stays after
    made = {n: i for i, acts in enumerate(found[: len(early)]) for a, n in acts if a == CREATE}
    for j in range(len(early), len(combined)):
        for action, node in found[j]:
            if action == DROP and node in made:
                before.get(made[node], set()).discard(j)
                before.setdefault(j, set()).add(made[node])
    order = stable_order(len(combined), before)
    return _body_check_first([combined[i] for i in order])


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
    for dependent, referenced in (*desired.edges(), *desired.run_time_edges()):
        if dependent in index or referenced in index:
            add(index.find(referenced, CREATE, ALTER), index.find(dependent, CREATE, ALTER, SET))
    for dependent, referenced in current.edges():
        if dependent in index or referenced in index:
            add(index.find(dependent, DROP, ALTER, SET), index.find(referenced, DROP))
            add(index.find(dependent, DROP), index.find(referenced, ALTER))
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


def _body_check_first(statements: list[str]) -> list[str]:
    """`set check_function_bodies = off` ahead of the first function creation, which
    may have moved ahead of it; once is enough (it lasts for the session)."""
    settings = [i for i, s in enumerate(statements) if s.strip().lower() == NO_BODY_CHECK]
    if not settings:
        return statements
    rest = [s for i, s in enumerate(statements) if i not in settings]
    first = next((i for i, s in enumerate(rest) if _CREATE_FUNCTION.match(s)), None)
    position = settings[0] if first is None else min(settings[0], first)
    return rest[:position] + [NO_BODY_CHECK] + rest[position:]
