"""Applying a fleet (`apply --targets FILE` or `--fleet NAME`): one plan per group, then
target by target.

The fleet plan (`grouping`) says which targets are in sync (never touched) and which
group each other target is in. Each target is then applied as `apply` applies one
database, with the group's plan: under the target's own apply lock its fingerprint is
read again, and a target that is no longer its group's is left alone and reported as
drifted (one found at the desired schema meanwhile, by another run, is in sync). The
desired schema is loaded (or found kept) once per server for the whole rollout.

Order: the canaries first (the first `canary` targets with changes), one at a time;
the rest only when every canary applied. Then up to `parallel` targets at once, never
two on one server (they share its WAL, checkpoints and I/O). A failure with
`on_error=stop` starts no new target; those running finish. Ctrl-C or SIGTERM starts
no new target either: running ones finish or roll back, as a single apply does.

Every history row a target's apply writes carries the rollout's id (the session
setting `history.ROLLOUT_SETTING`); `resume` skips the targets whose history already
holds an apply of that rollout.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from typing import Any

from schematool import db
from schematool.apply import history, runner, verify
from schematool.apply.run import run_plan
from schematool.apply.runner import ApplyOptions
from schematool.desired.database import (
    DesiredDatabase,
    declared_rows,
    desired_database,
    desired_fingerprint,
)
from schematool.desired.database import desired_files as read_desired_files
from schematool.errors import (
    ConfigError,
    ExitCode,
    HazardRefused,
    SchemaToolError,
    StalePlanError,
)
from schematool.fleet.grouping import FleetPlan, Group
from schematool.fleet.targets import Target, server_key
from schematool.inspect import catalog
from schematool.project.config import Settings

REPORT_FORMAT = "schematool-fleet-report"
REPORT_VERSION = 1

IN_SYNC = "in sync"
APPLIED = "applied"
FAILED = "failed"
DRIFTED = "drifted"
NOT_STARTED = "not started"
DONE = "done earlier"  # --resume: applied earlier in this rollout
STATUSES = (APPLIED, IN_SYNC, DONE, DRIFTED, FAILED, NOT_STARTED)

STOP = "stop"
CONTINUE = "continue"


def new_rollout_id() -> str:
    """A rollout's id: when it started (UTC) and a random part, e.g. 20261208-0140-3f9a2c."""
    now = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M")
    return f"{now}-{secrets.token_hex(3)}"


@dataclass(frozen=True)
class RolloutOptions:
    rollout_id: str
    canary: int = 1  # targets applied first, alone; the rest only when all of them applied
    parallel: int = 1  # targets at once (never two of one server)
    on_error: str = STOP  # stop: no new target starts after a failure; continue
    resume: bool = False  # skip targets whose history holds an apply of this rollout


@dataclass(frozen=True)
class Outcome:
    """What became of one target: its status, how long its apply took, and why (one
    line: a failure's error, a drift's fingerprints)."""

    target: Target
    status: str
    seconds: float | None = None
    reason: str = ""
    group: int | None = None  # its group's number among the groups with changes
    exit_code: int | None = None  # a failure's exit code, as a single apply's

    def line(self) -> str:
        took = f" ({self.seconds:.1f} s)" if self.seconds is not None else ""
        why = f": {self.reason}" if self.reason else ""
        return f"{self.status}{took}  {self.target}{why}"

    def to_json(self) -> dict[str, Any]:
        return {
            "target": str(self.target),
            "status": self.status,
            "group": self.group,
            "seconds": None if self.seconds is None else round(self.seconds, 3),
            "reason": self.reason or None,
            "exit_code": self.exit_code,
        }


@dataclass(frozen=True)
class Report:
    rollout_id: str
    outcomes: tuple[Outcome, ...]
    interrupted: bool = False

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for o in self.outcomes if o.status == s) for s in STATUSES}

    @property
    def exit_code(self) -> ExitCode:
        return _exit_code(self.counts(), self.interrupted)

    def to_json(self) -> dict[str, Any]:
        """The report as docs/fleet-report.schema.json describes it."""
        return {
            "format": REPORT_FORMAT,
            "format_version": REPORT_VERSION,
            "rollout": self.rollout_id,
            "interrupted": self.interrupted,
            "exit_code": int(self.exit_code),
            "counts": self.counts(),
            "targets": [outcome.to_json() for outcome in self.outcomes],
        }


def _exit_code(counts: dict[str, int], interrupted: bool) -> ExitCode:
    """0: every target applied or in sync; 10: some failed or were not started (each
    named); 11: none failed, some drifted (changed since the plan: plan again); 130:
    interrupted."""
    if interrupted:
        return ExitCode.INTERRUPTED
    if counts[FAILED] or counts[NOT_STARTED]:
        return ExitCode.TARGETS_FAILED
    if counts[DRIFTED]:
        return ExitCode.TARGETS_DRIFTED
    return ExitCode.OK


@dataclass
class _Desired:
    """The desired database of each server, loaded (or found kept) once per rollout, kept
    open until it ends."""

    settings: Settings
    stack: ExitStack
    files: list[Any] = field(default_factory=list)
    data: tuple[Any, ...] = ()
    found: dict[str, DesiredDatabase] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def of(self, target: Target, url: db.Address) -> DesiredDatabase:
        key = f"{server_key(target)} {url.user or ''}"
        with self.lock:
            if key not in self.found:
                self.found[key] = self.stack.enter_context(
                    desired_database(self.settings, url, self.files, None, self.data)
                )
            return self.found[key]


def rollout(
    settings: Settings,
    fleet: FleetPlan,
    targets: list[Target],
    apply_options: ApplyOptions,
    options: RolloutOptions,
    report: Callable[[Outcome], None] = lambda outcome: None,
    drifted: tuple[Target, ...] = (),
) -> Report:
    """Apply the fleet plan to `targets` (in their order); `drifted`: targets already
    found not to be in the plan (a saved fleet plan's refusals). `report` is called with
    each outcome as it is known (from the rollout's threads, one at a time)."""
    numbers = {id(group): n for n, group in enumerate(fleet.pending, 1)}
    group_of = {t: g for g in fleet.groups for t in g.targets}
    outcomes: dict[Target, Outcome] = {}
    said = threading.Lock()

    def known(outcome: Outcome) -> None:
        with said:
            outcomes[outcome.target] = outcome
            report(outcome)

    for target in targets:
        if target in drifted:
            known(Outcome(target, DRIFTED, reason="its fingerprint is not in the saved plan"))
        elif group_of[target].in_sync:
            known(Outcome(target, IN_SYNC))
    work = [(t, group_of[t]) for t in targets if t not in outcomes]
    interrupted = False
    with ExitStack() as stack:
        desired = _Desired(settings, stack, read_desired_files(settings), declared_rows(settings))

        def one(target: Target, group: Group) -> Outcome:
            outcome = _apply_one(settings, desired, target, group, apply_options, options)
            return replace(outcome, group=numbers.get(id(group)))

        canaries, rest = work[: options.canary], work[options.canary :]
        interrupted, stopped = _schedule(canaries, 1, _not_applied, one, known)
        if not (interrupted or stopped):
            stops = _failed if options.on_error == STOP else _never
            interrupted, _ = _schedule(rest, options.parallel, stops, one, known)
    for target, group in work:
        if target not in outcomes:
            known(Outcome(target, NOT_STARTED, group=numbers.get(id(group))))
    return Report(options.rollout_id, tuple(outcomes[t] for t in targets), interrupted)


def _not_applied(outcome: Outcome) -> bool:
    """A canary that did not apply (failed, or drifted: it tried nothing) stops the rest."""
    return outcome.status not in (APPLIED, IN_SYNC, DONE)


def _failed(outcome: Outcome) -> bool:
    return outcome.status == FAILED


def _never(outcome: Outcome) -> bool:
    return False


def _schedule(
    work: list[tuple[Target, Group]],
    parallel: int,
    stops: Callable[[Outcome], bool],
    one: Callable[[Target, Group], Outcome],
    known: Callable[[Outcome], None],
) -> tuple[bool, bool]:
    """Run `one` over the work, `parallel` at a time, never two targets of one server at
    once. Returns (interrupted, stopped): an interrupt (of the main thread) or an outcome
    that `stops` starts no new target; running ones finish."""
    pending = list(work)
    busy: set[str] = set()
    state = {"stop": False, "failed": False}
    ready = threading.Condition()

    def next_item() -> tuple[Target, Group] | None:
        with ready:
            while True:
                if state["stop"] or not pending:
                    return None
                item = next((i for i in pending if server_key(i[0]) not in busy), None)
                if item is not None:
                    pending.remove(item)
                    busy.add(server_key(item[0]))
                    return item
                ready.wait()

    def worker() -> None:
        while (item := next_item()) is not None:
            outcome = one(*item)
            known(outcome)
            with ready:
                busy.discard(server_key(item[0]))
                if stops(outcome):
                    state["stop"] = state["failed"] = True
                ready.notify_all()

    threads = [
        threading.Thread(target=worker, name=f"schematool-rollout-{n}")
        for n in range(min(max(parallel, 1), len(work)))
    ]
    interrupted = False
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            while thread.is_alive():
                thread.join(0.2)
    except KeyboardInterrupt:
        interrupted = True
        with ready:
            state["stop"] = True
            ready.notify_all()
        # a thread not alive now has taken no work, and takes none (stop is set)
        for thread in threads:
            if thread.is_alive():
                thread.join()
    return interrupted, state["failed"]


def check(settings: Settings, fleet: FleetPlan, allowed: frozenset[str]) -> None:
    """Before any target starts: the plans are for these schema files and this mode,
    hold no masked secret (a saved one is applied by planning again, which a fleet plan
    does not do), and every group's hazards are allowed."""
    desired_fp = desired_fingerprint(read_desired_files(settings), declared_rows(settings))
    for number, group in enumerate(fleet.pending, 1):
        plan = group.plan
        if plan.desired_fingerprint != desired_fp:
            raise StalePlanError("the schema changed since the fleet plan was made; plan again")
        if plan.online != settings.online:
            verify.refuse_mode(plan)
        if plan.masked:
            raise ConfigError(
                f"group {number}'s plan holds masked secrets: apply the fleet without --plan"
            )
        try:
            verify.refuse_hazards(plan, allowed)
        except HazardRefused as error:
            raise HazardRefused(f"group {number}: {error.message}") from None


def _apply_one(
    settings: Settings,
    desired: _Desired,
    target: Target,
    group: Group,
    apply_options: ApplyOptions,
    options: RolloutOptions,
) -> Outcome:
    """One target, as `apply` applies one database, with its group's plan: under its
    apply lock, its fingerprint must still be the group's."""
    url = settings.session(target.address).with_session(
        **{history.ROLLOUT_SETTING: options.rollout_id}
    )
    clock = time.monotonic()
    try:
        retrier = runner.retrier(settings, apply_options)
        retrier.run(lambda: runner.ensure_history(url), url)
        wanted = desired.of(target, url)
        with runner.apply_lock(url, apply_options.notify) as lock:
            if options.resume and _done_in(lock.conn, options.rollout_id):
                earlier = f"applied earlier in rollout {options.rollout_id}"
                return Outcome(target, DONE, reason=earlier)
            current = catalog.fingerprint(lock.conn, settings.excluded_schemas)
            if current != group.fingerprint:
                if current == wanted.read_fingerprint():
                    return Outcome(target, IN_SYNC, reason="reached the desired schema meanwhile")
                return Outcome(
                    target,
                    DRIFTED,
                    reason=f"its fingerprint is {current[:12]}, not its group's"
                    f" {group.fingerprint[:12]}: it changed since the plan; plan again",
                )
            result = run_plan(settings, url, wanted, group.plan, apply_options, None, lock)
    except StalePlanError as error:
        return Outcome(target, DRIFTED, _since(clock), _one_line(target, error.message))
    except SchemaToolError as error:
        reason = _one_line(target, error.message)
        return Outcome(target, FAILED, _since(clock), reason, exit_code=int(error.exit_code))
    except Exception as error:  # noqa: BLE001 - one target's surprise is that target's failure
        reason = _one_line(target, f"unexpected {type(error).__name__}: {error}")
        return Outcome(target, FAILED, _since(clock), reason, exit_code=int(ExitCode.ERROR))
    status = APPLIED if result.applied else IN_SYNC
    return Outcome(target, status, _since(clock), result.note)


def _done_in(conn: Any, rollout_id: str) -> bool:
    row = conn.execute(
        "SELECT EXISTS (SELECT FROM schematool.history WHERE rollout = %s AND outcome = 'applied')",
        (rollout_id,),
    ).fetchone()
    return bool(row and row[0])


def _since(clock: float) -> float:
    return time.monotonic() - clock


def _one_line(target: Target, message: str) -> str:
    """A target's error as one line, its password masked."""
    text = target.address.redact(message.strip())
    return " ".join(text.split()) if text else "failed"


def merge_reports(reports: list[tuple[str, Any]]) -> dict[str, Any]:
    """The JSON reports of several shards (name, parsed JSON) as one report of the
    whole fleet: the targets of each in turn, the counts summed, the exit code of the
    whole (interrupted if any was), the rollout ids joined when the shards' differ. A
    file that is no fleet report, or a target in two of them, is refused in one line."""
    targets: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    ids: list[str] = []
    interrupted = False
    for name, data in reports:
        if not isinstance(data, dict) or data.get("format") != REPORT_FORMAT:
            raise ConfigError(f"{name}: not a fleet report (apply --targets ... --format json)")
        if data.get("format_version") != REPORT_VERSION:
            raise ConfigError(f"{name}: a fleet report of another format version")
        for entry in data.get("targets", []):
            target = str(entry.get("target"))
            if target in seen:
                raise ConfigError(f"{name}: {target} is in {seen[target]} too (shards overlap?)")
            seen[target] = name
            targets.append(entry)
        ids.append(str(data.get("rollout")))
        interrupted = interrupted or bool(data.get("interrupted"))
    counts = {s: sum(1 for t in targets if t.get("status") == s) for s in STATUSES}
    code = _exit_code(counts, interrupted)
    return {
        "format": REPORT_FORMAT,
        "format_version": REPORT_VERSION,
        "rollout": ",".join(dict.fromkeys(ids)),
        "interrupted": interrupted,
        "exit_code": int(code),
        "counts": counts,
        "targets": targets,
    }
