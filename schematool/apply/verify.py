"""Stage 5: what apply checks, before it runs a plan and before it commits.

Before: a saved plan applies to the database it was made for (`check_database`), in the
mode it was made in (`refuse_mode`), with only the hazards allowed (`refuse_hazards`),
and one holding masked secrets only as the same plan made again (`unmasked`). In the
transaction: a target that moved since the plan is planned again (`target_moved`), and
before COMMIT nothing may be left to change (`remaining_differences`); an online core
may leave exactly what the after phase is planned to do, and nothing else
(`unexplained`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NoReturn

from schematool import db, hazard_kinds
from schematool.apply.runner import ApplyOptions, ApplyResult, head
from schematool.desired.database import DesiredDatabase
from schematool.diff import adapter, stage
from schematool.diff.comparison import Comparison
from schematool.errors import ConfigError, HazardRefused, StalePlanError
from schematool.grammar.change import CREATE, DROP, RENAME, Change, Op
from schematool.inspect.catalog import Snapshot
from schematool.inspect.differences import difference_keys
from schematool.inspect.records import catalog as catalog_of
from schematool.names import qualified, split_name
from schematool.plan.model import Plan
from schematool.plan.planner import plan_changes
from schematool.project.config import Settings


def check_database(
    saved: Plan, here: db.DatabaseIdentity, target_url: db.Url, options: ApplyOptions
) -> None:
    """A saved plan applies to the database it was made for, whatever address reaches
    it, unless the user says it may apply to any (`for_any_database`: then the target's
    schema must still be the one planned, as always). Where this role cannot read the
    server's identifier, the database's name and oid decide, and a note says so."""
    made_for = saved.database
    if options.for_any_database:
        if made_for is None or not made_for.matches(here):
            options.notify(
                f"applying a plan made for {made_for} to {here} (--plan-for-any-database)"
            )
        return
    if made_for is None or not made_for.matches(here):
        raise StalePlanError(
            f"the saved plan was made for {made_for}, not for {here} ({db.mask_url(target_url)});"
            " nothing was changed: make the plan against this database, or apply it here"
            " with --plan-for-any-database"
        )
    if made_for.system_identifier is None or here.system_identifier is None:
        options.notify(
            "the server's system identifier could not be read (pg_control_system() is not"
            " executable by the role that planned or the one applying): the saved plan's"
            f" database was matched by its name and oid only ({here})"
        )


def refuse_failing(plan: Plan, allowed: frozenset[str]) -> None:
    """A plan whose data checks found a change that will fail on the target's rows
    (`plan.data_checks`) is refused before anything runs, with what fails and the way
    out; naming the kind runs it anyway (statistics may be stale), `all` too."""
    failing = hazard_kinds.FAILS_ON_DATA
    if failing in allowed:
        return
    found = [
        f"statement {number} ({head(step.sql)}): {hazard.reason}"
        for number, step in enumerate(plan.steps, 1)
        for hazard in step.change.hazards
        if hazard.kind == failing
    ]
    if found:
        raise HazardRefused(
            f"the plan will fail on the target's data: {'; '.join(found)}; nothing was"
            f" changed: fix the data (or the schema) and plan again, or run it anyway"
            f" with --allow-hazards {failing}"
        )


def refuse_mode(saved: Plan) -> NoReturn:
    """A saved plan applied in the other mode: its statements were split (or not) for
    the mode it was made in, so the command line must say that mode (a usage error)."""
    made, flag = ("with", "--online") if saved.online else ("without", "--no-online")
    raise ConfigError(
        f"the saved plan was made {made} --online: apply it with {flag}, or make the plan again"
    )


def unmasked(saved: Plan, fresh: Plan) -> Plan:
    """A saved plan whose statements hold secrets (masked in the file): the same plan
    made now, which holds them, provided it is the same plan (its hash covers the
    masked statements, the fingerprints and the options)."""
    if fresh.plan_hash != saved.plan_hash:
        raise StalePlanError(
            "the saved plan holds masked secrets and planning again gives another plan"
            " (the target or the schema changed): make the plan again"
        )
    return fresh


def refuse_hazards(plan: Plan, allowed: frozenset[str]) -> None:
    refuse_failing(plan, allowed)
    refused = [
        (number, step, sorted(set(step.hazards) - allowed))
        for number, step in enumerate(plan.steps, 1)
        if set(step.hazards) - allowed
    ]
    if not refused:
        return
    kinds = sorted({h for _, _, hs in refused for h in hs})
    listing = "; ".join(
        f"statement {n} ({', '.join(hs)}): {head(step.sql)}" for n, step, hs in refused
    )
    flags = " ".join(f"--allow-hazards {k}" for k in kinds)
    kept = [s.message for s in plan.suggestions] if hazard_kinds.DATA_LOSS in kinds else []
    likely = "".join(f"; likely a rename: {message}" for message in kept)
    raise HazardRefused(
        f"plan holds hazards that were not allowed: {listing}; to run it, add {flags}{likely}"
    )


def target_moved(
    settings: Settings,
    target: adapter.TargetSession,
    desired: DesiredDatabase,
    plan: Plan,
    target_url: db.Url,
) -> ApplyResult:
    """The target is not what the plan was made from: another apply ran meanwhile, someone
    changed it, or (`--plan-for-any-database`) the saved plan's other database differs."""
    fresh = plan_changes(settings, target, desired, plan.desired_fingerprint, target_url)
    target.conn.rollback()
    if fresh.is_empty:
        return ApplyResult(
            fresh, applied=False, note="the target already matches (it changed since the plan)"
        )
    raise StalePlanError(
        f"{db.mask_url(target_url)} is not the schema the plan for {plan.target} was made"
        f" from (it changed since {plan.created_at}, or it is another database); nothing"
        " was changed: make the plan again"
    )


def remaining_differences(
    settings: Settings, target: adapter.TargetSession, desired: DesiredDatabase, plan: Plan
) -> list[str]:
    """What still differs (`diff.stage.remaining`), read on the apply's own session, the
    expressions the plan wrote compared as stored (`Plan.written`), the others by meaning."""
    return stage.remaining(_compared(settings, target, desired, plan))


def _compared(
    settings: Settings, target: adapter.TargetSession, desired: DesiredDatabase, plan: Plan
) -> Comparison:
    """The target as the plan left it, the expressions it wrote compared as stored."""
    return Comparison.read(
        target,
        desired,
        settings.excluded_schemas,
        settings.lock_timeout,
        ignore=settings.ignore,
        exact=plan.written,
    )


def left_after_expand(
    settings: Settings,
    target: adapter.TargetSession,
    desired: DesiredDatabase,
    skipped: Sequence[Change],
    plan: Plan,
) -> list[str]:
    """Before an expand half commits: what still differs must be what the skipped
    contract steps do (an object one drops, with its parts; what one narrows), and
    nothing else."""
    compared = _compared(settings, target, desired, plan)
    current = compared.current
    pending = _pending(skipped)
    dropped = {qualified(*op.node[1:]) for c in skipped for op in c.ops if op.effect == DROP}
    lines: list[str] = []
    for kind, identity, attribute, found in difference_keys(compared.desired_snapshot, current):
        owner = (current.get(kind, {}).get(identity) or {}).get("table")
        if _explained(pending, kind, identity, attribute) or owner in dropped:
            continue
        if any(identity.startswith(f"{name}.") for name in dropped):
            continue
        lines += found
    return lines


# -- what an online core leaves --------------------------------------------------------------

Key = tuple[str, str, str | None]  # (snapshot kind or "*", identity, attribute or None)


def unexplained(desired: Snapshot, current: Snapshot, after: Sequence[Change]) -> list[str]:
    """The differences between the target (as the core leaves it, before COMMIT) and the
    desired schema that no step of the after phase resolves: empty when what remains is
    exactly the after phase's work. A constraint left NOT VALID must differ in nothing
    else (its definition is the desired one with PostgreSQL's ` NOT VALID`)."""
    pending = _pending(after) | _not_null_validations(current, after)
    lines: list[str] = []
    for kind, identity, attribute, found in difference_keys(desired, current):
        if not _explained(pending, kind, identity, attribute):
            lines += found
        elif (kind, attribute) == ("constraint", "definition"):
            want = desired[kind][identity]["definition"]
            if current[kind][identity]["definition"] != want + " NOT VALID":
                lines += found
    return lines


def _explained(pending: set[Key], kind: str, identity: str, attribute: str | None) -> bool:
    return bool(
        {(kind, identity, attribute), (kind, identity, None), ("*", identity, None)} & pending
    )


def _not_null_validations(current: Snapshot, after: Sequence[Change]) -> set[Key]:
    """A VALIDATE CONSTRAINT of a NOT NULL constraint (PostgreSQL 18) resolves its
    column's NOT VALID flag: the column is the one the core leaves holding that name."""
    columns = {
        ("con", *split_name(column.table), column.not_null_name): identity
        for identity, column in catalog_of(current).columns.items()
        if column.not_null_not_valid
    }
    return {
        ("column", columns[op.node], "not_null_not_valid")
        for change in after
        for op in change.ops
        if op.what == "validate constraint" and op.node in columns
    }


def _pending(after: Sequence[Change]) -> set[Key]:
    keys: set[Key] = set()
    for change in after:
        for op in change.ops:
            keys |= _op_keys(op)
    return keys


def _op_keys(op: Op) -> set[Key]:
    identity = qualified(*op.node[1:])
    if op.kind == "index" and op.effect in (CREATE, DROP):
        return {("index", identity, None)}
    if op.kind == "index" and op.effect == RENAME and op.renamed_to is not None:
        return {("index", identity, None), ("index", qualified(*op.renamed_to[1:]), None)}
    if op.what == "validate constraint":
        return {("constraint", identity, "validated"), ("constraint", identity, "definition")}
    if op.what == "set not null":  # and on PostgreSQL 18 the NOT NULL constraint it makes
        attributes = ("not_null", "not_null_name", "not_null_no_inherit", "not_null_local")
        return {("column", identity, attribute) for attribute in attributes}
    if op.what in ("drop constraint", "add constraint"):
        keys: set[Key] = {("constraint", identity, None)}
        for _, node in op.also:  # the index it adopts (and, renamed, its new name)
            index = qualified(*node[1:])
            keys |= {("index", index, None), ("index", index, "constraint")}
            keys.add(("index", qualified(node[1], op.node[3]), None))
        return keys
    return {("*", identity, None)} | {("*", qualified(*node[1:]), None) for _, node in op.also}
