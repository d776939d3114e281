"""Stage 4: the Plan, the one object `plan` prints and `apply` executes.

A plan holds the statements with their hazards, the database it was made for (its
identity, not its address), a fingerprint of the target's schema as inspected and of
the desired schema, and the tool version. Saved as JSON with a hash of those fields, so
a plan file edited by hand is detected. `schematool.plan.planner` makes it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from schematool import __version__, db
from schematool.desired.database import canonical_json
from schematool.errors import PlanFileError
from schematool.grammar.change import ACCESS_EXCLUSIVE, CREATE, DROP, Change, action_of
from schematool.names import Node, qualified
from schematool.plan import online
from schematool.plan.data_checks import DataCheck
from schematool.plan.suggestions import Suggestion

FORMAT = "schematool-plan"
FORMAT_VERSION = 4  # 4: `database`, the identity of the database planned


@dataclass(frozen=True)
class TableSize:
    """An existing table a statement touches, as the target's statistics estimate it."""

    name: str  # schema.table, unquoted
    rows: int | None  # pg_class.reltuples; None: never analyzed, not known
    bytes: int  # pg_total_relation_size: heap, indexes and TOAST


@dataclass(frozen=True)
class Step:
    """A change of the plan, the phase it runs in (`online.PHASES`: a plan made without
    --online is all core, one transaction) and the sizes of the target's tables it locks."""

    change: Change
    tables: tuple[TableSize, ...] = ()  # the target's tables it locks, scans or rewrites
    phase: str = online.CORE
    note: str = ""  # online: why the step is in its phase, and the lock it still takes

    @property
    def sql(self) -> str:
        """The statement as printed, saved and recorded: secrets masked
        (`Change.shown`); apply runs `change.sql`."""
        return self.change.shown

    @property
    def hazards(self) -> tuple[str, ...]:
        """The hazard kinds (their reasons: `change.hazards`)."""
        return self.change.hazard_kinds


@dataclass(frozen=True)
class Plan:
    steps: tuple[Step, ...]
    target: str  # masked URL
    target_fingerprint: str
    desired_fingerprint: str
    tool_version: str = __version__
    created_at: str = field(
        default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    )
    # drops that look like renames, with the annotation that would keep the data
    suggestions: tuple[Suggestion, ...] = ()
    online: bool = False  # split in phases (schematool.plan.online) rather than one transaction
    database: db.DatabaseIdentity | None = None  # the target planned (apply checks it)
    # the target's standbys when it was planned ('standby "a" (10.0.0.7)'): each replays
    # the plan's ACCESS EXCLUSIVE locks (`replayed_locks`). Seen, not planned: not hashed
    standbys: tuple[str, ...] = ()
    # what the target's rows said of the changes that depend on them (plan.data_checks):
    # findings about the data when planned, not part of what the plan does (its hash);
    # a change found to fail carries the fails-on-data hazard, which is
    data_checks: tuple[DataCheck, ...] = ()
    ignored: int = 0  # objects `ignore` patterns matched (left to others, never planned)
    unmatched_ignore: tuple[str, ...] = ()  # ignore patterns that matched nothing
    # the contract half (plan.expand): (statement number, why), which apply --expand leaves
    contract: tuple[tuple[int, str], ...] = ()

    @property
    def statements(self) -> list[str]:
        return [step.sql for step in self.steps]

    def phase(self, name: str) -> list[tuple[int, Step]]:
        """The steps of one phase with their numbers in the plan (1-based)."""
        return [(n, step) for n, step in enumerate(self.steps, 1) if step.phase == name]

    def replayed_locks(self, step: Step) -> tuple[str, ...]:
        """The tables a step locks ACCESS EXCLUSIVE when the target has standbys: each
        standby takes that lock again when it replays the step, and its readers of those
        tables wait, or are cancelled after max_standby_streaming_delay."""
        if not self.standbys:
            return ()
        locks = step.change.locks
        tables = (qualified(*lock.table[1:]) for lock in locks if lock.mode == ACCESS_EXCLUSIVE)
        return tuple(dict.fromkeys(tables))

    @property
    def masked(self) -> bool:
        """Some statement holds a secret the plan does not print or save: a saved plan
        of it is applied by planning again (`apply`), never from its text."""
        return any(step.change.masked is not None for step in self.steps)

    @property
    def written(self) -> frozenset[tuple[str, str, tuple[str, ...]]]:
        """The desired schema's expressions the plan writes as the desired database
        holds them (`Change.written`): apply compares them as stored."""
        return frozenset(key for step in self.steps for key in step.change.written)

    @property
    def is_empty(self) -> bool:
        return not self.steps

    @property
    def hazards(self) -> set[str]:
        return {h for step in self.steps for h in step.hazards}

    @property
    def plan_hash(self) -> str:
        """Identity of what the plan does and where it applies (not when it was made)."""
        body = {
            "tool_version": self.tool_version,
            "target_fingerprint": self.target_fingerprint,
            "desired_fingerprint": self.desired_fingerprint,
            "online": self.online,
            "database": _database_json(self.database),
            "steps": [_step_json(step) for step in self.steps],
        }
        return hashlib.sha256(canonical_json(body)).hexdigest()

    def summary(self) -> dict[str, dict[str, int]]:
        return summarize([step.change for step in self.steps])

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "tool_version": self.tool_version,
            "created_at": self.created_at,
            "target": self.target,
            "database": _database_json(self.database),
            "target_fingerprint": self.target_fingerprint,
            "desired_fingerprint": self.desired_fingerprint,
            "online": self.online,
            "summary": self.summary(),
            "hazards": sorted(self.hazards),
            "steps": [self._shown_step_json(step) for step in self.steps],
            "suggestions": [suggestion.to_json() for suggestion in self.suggestions],
            "standbys": list(self.standbys),
            "data_checks": [check.to_json() for check in self.data_checks],
            **self._ignored_json(),
            **(
                {"contract": [{"statement": n, "reason": r} for n, r in self.contract]}
                if self.contract
                else {}
            ),
            "plan_hash": self.plan_hash,
        }

    def _ignored_json(self) -> dict[str, Any]:
        """What the project's `ignore` patterns left out (nothing when it has none)."""
        if not (self.ignored or self.unmatched_ignore):
            return {}
        return {"ignored": {"objects": self.ignored, "unmatched": list(self.unmatched_ignore)}}

    def _shown_step_json(self, step: Step) -> dict[str, Any]:
        data = _step_json(step)
        replayed = self.replayed_locks(step)
        if replayed:
            data["replayed_on_standbys"] = list(replayed)
        return data

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), indent=2) + "\n", encoding="utf-8")


def _database_json(database: db.DatabaseIdentity | None) -> dict[str, Any] | None:
    return None if database is None else asdict(database)


def _database_from_json(data: dict[str, Any] | None) -> db.DatabaseIdentity | None:
    if data is None:
        return None
    system_identifier = data["system_identifier"]
    return db.DatabaseIdentity(
        None if system_identifier is None else str(system_identifier),
        str(data["name"]),
        int(data["oid"]),
    )


def _step_json(step: Step) -> dict[str, Any]:
    data = step.change.to_json()
    data["phase"] = step.phase
    if step.note:
        data["note"] = step.note
    if step.tables:
        data["tables"] = [asdict(t) for t in step.tables]
    return data


def _step_from_json(data: dict[str, Any]) -> Step:
    tables = tuple(
        TableSize(str(t["name"]), None if t["rows"] is None else int(t["rows"]), int(t["bytes"]))
        for t in data.get("tables", [])
    )
    phase = str(data["phase"])
    if phase not in online.PHASES:
        raise ValueError(f"unknown phase {phase!r}")
    return Step(Change.from_json(data), tables, phase, str(data.get("note", "")))


def load_plan(path: Path) -> Plan:
    """Read a saved plan, refusing one that was edited or made by another tool version."""
    return plan_from_json(read_json(path), str(path))


def read_json(path: Path) -> Any:
    """A saved plan's JSON (one database's or a fleet's), or one line saying why not."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PlanFileError(f"plan file not found: {path}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise PlanFileError(f"{path}: not a schematool plan (invalid JSON: {error})") from None


def plan_from_json(data: Any, where: str) -> Plan:
    """A plan as `to_json` wrote it (a saved plan, or one group's of a fleet plan), read
    from `where` (named in every refusal): refused when edited or of another version."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise PlanFileError(f"{where}: not a schematool plan")
    if data.get("tool_version") != __version__:
        raise PlanFileError(
            f"{where}: made by schematool {data.get('tool_version')}, this is {__version__};"
            " make the plan again with this version"
        )
    version = data.get("format_version")
    if version is not None and version != FORMAT_VERSION:
        raise PlanFileError(
            f"{where}: a plan of format {version}, this schematool reads"
            f" format {FORMAT_VERSION}; make the plan again"
        )
    try:
        plan = Plan(
            steps=tuple(_step_from_json(s) for s in data["steps"]),
            target=data["target"],
            target_fingerprint=data["target_fingerprint"],
            desired_fingerprint=data["desired_fingerprint"],
            tool_version=data["tool_version"],
            created_at=data["created_at"],
            suggestions=tuple(Suggestion.from_json(s) for s in data.get("suggestions", [])),
            online=bool(data["online"]),
            database=_database_from_json(data["database"]),
            standbys=tuple(str(name) for name in data.get("standbys", [])),
            data_checks=tuple(DataCheck.from_json(c) for c in data.get("data_checks", [])),
            ignored=int(data.get("ignored", {}).get("objects", 0)),
            unmatched_ignore=tuple(str(p) for p in data.get("ignored", {}).get("unmatched", [])),
            contract=tuple(
                (int(c["statement"]), str(c["reason"])) for c in data.get("contract", [])
            ),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise PlanFileError(f"{where}: incomplete plan file ({error!r})") from None
    if plan.plan_hash != data.get("plan_hash"):
        raise PlanFileError(f"{where}: the plan file was edited after it was made; refusing it")
    return plan


# -- summary ----------------------------------------------------------------------------

SUMMARY_ACTIONS = ("create", "alter", "drop", "rename", "grant", "revoke", "comment")


def summarize(changes: list[Change]) -> dict[str, dict[str, int]]:
    """How many objects each action touches, by kind: {'create': {'table': 2}, ...}.
    Session settings and no-ops are not objects; a statement not understood counts as
    `other`; an object the plan creates and drops again (the online helper CHECK of a
    SET NOT NULL) is no change to the schema, and not counted."""
    temporary = _temporary(changes)
    counts: dict[str, Counter[str]] = {}
    for change in changes:
        if change.action == "other":
            counts.setdefault("other", Counter())["statement"] += 1
            continue
        for op in change.ops:
            if op.node in temporary:
                continue
            action = action_of(op)
            if action in SUMMARY_ACTIONS:
                counts.setdefault(action, Counter())[op.kind] += 1
    return {action: dict(sorted(c.items())) for action, c in sorted(counts.items())}


def _temporary(changes: list[Change]) -> set[Node]:
    """The objects a plan creates, then drops (in that order): gone before it ends."""
    created: set[Node] = set()
    temporary: set[Node] = set()
    for change in changes:
        for op in change.ops:
            if op.effect == CREATE:
                created.add(op.node)
            elif op.effect == DROP and op.node in created:
                temporary.add(op.node)
    return temporary
