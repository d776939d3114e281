"""Stage 4: the Plan, the one object `plan` prints and `apply` executes.

A plan holds the statements with their hazards, a fingerprint of the target's schema as
inspected and of the desired schema, and the tool version. Saved as JSON with a hash of
those fields, so a plan file edited by hand is detected.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psycopg

from schematool import __version__, canonical, catalog, db, diff, gaps, hazards, load, render
from schematool.config import Settings
from schematool.errors import PlanFileError
from schematool.scratch import scratch_database

FORMAT = "schematool-plan"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Step:
    sql: str
    hazards: tuple[str, ...] = ()


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

    @property
    def statements(self) -> list[str]:
        return [step.sql for step in self.steps]

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
            "steps": [asdict(step) for step in self.steps],
        }
        return hashlib.sha256(_canonical(body)).hexdigest()

    def summary(self) -> dict[str, dict[str, int]]:
        return summarize(self.statements)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "tool_version": self.tool_version,
            "created_at": self.created_at,
            "target": self.target,
            "target_fingerprint": self.target_fingerprint,
            "desired_fingerprint": self.desired_fingerprint,
            "summary": self.summary(),
            "hazards": sorted(self.hazards),
            "steps": [{"sql": s.sql, "hazards": list(s.hazards)} for s in self.steps],
            "plan_hash": self.plan_hash,
        }

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), indent=2) + "\n", encoding="utf-8")


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode("utf-8")


def load_plan(path: Path) -> Plan:
    """Read a saved plan, refusing one that was edited or made by another tool version."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PlanFileError(f"plan file not found: {path}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise PlanFileError(f"{path}: not a schematool plan (invalid JSON: {error})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise PlanFileError(f"{path}: not a schematool plan")
    if data.get("tool_version") != __version__:
        raise PlanFileError(
            f"{path}: made by schematool {data.get('tool_version')}, this is {__version__};"
            " make the plan again with this version"
        )
    try:
        plan = Plan(
            steps=tuple(Step(s["sql"], tuple(s["hazards"])) for s in data["steps"]),
            target=data["target"],
            target_fingerprint=data["target_fingerprint"],
            desired_fingerprint=data["desired_fingerprint"],
            tool_version=data["tool_version"],
            created_at=data["created_at"],
        )
    except (KeyError, TypeError) as error:
        raise PlanFileError(f"{path}: incomplete plan file ({error})") from None
    if plan.plan_hash != data.get("plan_hash"):
        raise PlanFileError(f"{path}: the plan file was edited after it was made; refusing it")
    return plan


# -- desired schema ---------------------------------------------------------------------


def desired_files(settings: Settings) -> list[load.SchemaFile]:
    """The schema files to load, after making sure schema/ is what the templates render."""
    label = settings.rel(settings.schema_dir)
    if settings.render_schema and settings.templates_dir.is_dir():
        templates = settings.rel(settings.templates_dir)
        rendered = render.render_tree(settings.templates_dir, settings.base_variables, templates)
        render.check(rendered, settings.schema_dir, label)
        if settings.variables != settings.base_variables:
            # an environment's own variables: its schema is rendered in memory, since
            # schema/ holds the rendering with the project's variables
            ours = render.render_tree(settings.templates_dir, settings.variables, templates)
            return [load.SchemaFile(f"{label}/{rel}", text) for rel, text in sorted(ours.items())]
    return load.schema_files(settings.schema_dir, label)


def desired_fingerprint(files: list[load.SchemaFile]) -> str:
    digest = hashlib.sha256()
    for file in files:
        digest.update(_canonical([file.name, file.text]))
    return digest.hexdigest()


@contextmanager
def desired_database(
    settings: Settings, target_url: str, files: list[load.SchemaFile]
) -> Iterator[str]:
    """A scratch database holding the desired schema, on the scratch server or the target's."""
    with scratch_database(settings.scratch_url or target_url) as url:
        load_desired(url, files)
        yield url


def load_desired(url: str, files: list[load.SchemaFile]) -> None:
    """Load the desired schema into an empty database, in the form apply will leave it."""
    with db.connect(url, autocommit=True) as conn:
        load.load(conn, files)
        canonical.round_trip_checks(conn)


# -- planning ---------------------------------------------------------------------------


def target_fingerprint(conn: psycopg.Connection, settings: Settings) -> str:
    return catalog.fingerprint(catalog.snapshot(conn, settings.excluded_schemas))


def plan_changes(
    settings: Settings,
    target: diff.TargetSession,
    desired_url: str,
    desired_fp: str,
    target_url: str,
) -> Plan:
    """Diff the target (through its session) against the desired database."""
    excluded = settings.excluded_schemas
    current_snap = catalog.snapshot(target.conn, excluded)
    with db.connect(desired_url, autocommit=True) as desired_conn:
        desired_snap = catalog.snapshot(desired_conn, excluded)
    statements = diff.diff_session(target, desired_url, excluded)
    statements += gaps.statements(current_snap, desired_snap, statements)
    existing = existing_objects(current_snap)
    steps = tuple(Step(sql, hazards.classify(sql, existing)) for sql in statements)
    return Plan(
        steps=steps,
        target=db.mask_url(target_url),
        target_fingerprint=catalog.fingerprint(current_snap),
        desired_fingerprint=desired_fp,
    )


_NAMED_KINDS = ("table", "view", "materialized_view", "sequence", "function", "schema")


def existing_objects(snap: catalog.Snapshot) -> hazards.Existing:
    """The target's objects by unquoted name (functions without their arguments)."""

    def names(kind: str) -> set[str]:
        keys = (key.split("(", 1)[0] for key in snap.get(kind, {}))
        return {hazards.unquote(key, schema_only=kind == "schema") for key in keys}

    return hazards.Existing(
        tables=frozenset(names("table")),
        objects=frozenset(set().union(*(names(kind) for kind in _NAMED_KINDS))),
    )


def make_plan(settings: Settings, target_url: str) -> Plan:
    """render check -> scratch database -> diff -> Plan."""
    files = desired_files(settings)
    with desired_database(settings, target_url, files) as desired_url:
        with diff.target_session(target_url) as target:
            try:
                return plan_changes(
                    settings, target, desired_url, desired_fingerprint(files), target_url
                )
            finally:
                target.conn.rollback()


# -- summary ----------------------------------------------------------------------------

_ACTIONS = {"create": "create", "drop": "drop", "alter": "alter", "truncate": "drop"}


def summarize(statements: list[str]) -> dict[str, dict[str, int]]:
    """How many objects each action touches, by kind: {'create': {'table': 2}, ...}."""
    counts: dict[str, Counter[str]] = {}
    for statement in statements:
        action, kind = _action_and_kind(statement)
        counts.setdefault(action, Counter())[kind] += 1
    return {action: dict(sorted(c.items())) for action, c in sorted(counts.items())}


def _action_and_kind(statement: str) -> tuple[str, str]:
    words = statement.split()
    lowered = [w.lower().strip('";') for w in words[:6]]
    if not lowered:
        return "alter", "other"
    verb = lowered[0]
    if verb in ("grant", "revoke"):
        return "alter", "privilege"
    if verb == "comment":
        return "alter", "comment"
    rest = [w for w in lowered[1:] if w not in ("or", "replace", "unique", "if", "exists")]
    kind = rest[0] if rest else "other"
    if kind == "materialized":
        kind = "materialized view"
    elif kind == "default":
        kind = "default privileges"
    return _ACTIONS.get(verb, "alter"), kind


def script(plan: Plan) -> str:
    """The plan as a SQL script: each statement, its hazards as a comment above it."""
    lines = []
    for step in plan.steps:
        if step.hazards:
            lines.append(f"-- hazards: {', '.join(step.hazards)}")
        lines.append(step.sql)
    return "\n".join(lines) + "\n" if lines else ""


def describe_summary(summary: dict[str, dict[str, int]]) -> str:
    """'2 to create (1 index, 1 table), 1 to alter (1 table)' or 'no changes'."""
    parts = []
    for action in ("create", "alter", "drop"):
        kinds = summary.get(action)
        if kinds:
            total = sum(kinds.values())
            detail = ", ".join(f"{n} {k}" for k, n in kinds.items())
            parts.append(f"{total} to {action} ({detail})")
    return "; ".join(parts) if parts else "no changes"
