"""Fingerprint first, then one plan per group (`plan --targets FILE`).

Every target's catalog fingerprint is read with one query, computed on its server
(`inspect.catalog.fingerprint`), several targets at a time. Targets of one PostgreSQL
major version with one fingerprint hold the same schema, so they share one plan: the
group's first target is planned as a single database is (`plan.planner.make_plan`:
the desired schema loaded, or found kept, on that server's version, and the Comparison
of the two), and the plan holds for every target of the group. A group whose plan is
empty is in sync: its targets cost their one fingerprint query, and the planner, finding
the representative's fingerprint equal to the desired schema's, never loads migra.
Hazards are judged per group, from its first target's catalog; the table sizes a plan
shows are that target's.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schematool import db
from schematool.errors import ConnectionFailed, PlanFileError
from schematool.fleet.targets import Target
from schematool.inspect import catalog, locks
from schematool.plan.model import Plan, plan_from_json, read_json
from schematool.plan.planner import make_plan
from schematool.project.config import Settings

PARALLEL_READS = 8  # fingerprint queries under way at once (each one waits on its server)
FORMAT = "schematool-fleet-plan"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Reading:
    """A target's fingerprint, and the major version of its server."""

    target: Target
    version: int
    fingerprint: str


@dataclass(frozen=True)
class Group:
    """Targets sharing a server version and a fingerprint, and the plan made for them."""

    version: int
    fingerprint: str
    targets: tuple[Target, ...]
    plan: Plan
    listed: tuple[str, ...] = ()  # a saved fleet plan's group: the targets it named (masked)

    @property
    def in_sync(self) -> bool:
        return self.plan.is_empty

    def to_json(self) -> dict[str, Any]:
        return {
            "server_version": self.version,
            "fingerprint": self.fingerprint,
            "targets": [str(target) for target in self.targets],
            "plan": self.plan.to_json(),
        }


@dataclass(frozen=True)
class FleetPlan:
    groups: tuple[Group, ...]  # the groups with changes, then those in sync

    @property
    def pending(self) -> tuple[Group, ...]:
        return tuple(group for group in self.groups if not group.in_sync)

    @property
    def desired_fingerprint(self) -> str:
        """The schema files' fingerprint all groups were planned for."""
        return self.groups[0].plan.desired_fingerprint if self.groups else ""

    @property
    def in_sync(self) -> tuple[Target, ...]:
        return tuple(t for group in self.groups if group.in_sync for t in group.targets)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "targets": sum(len(group.targets) for group in self.groups),
            "groups": [group.to_json() for group in self.pending],
            "in_sync": [str(target) for target in self.in_sync],
            "desired_fingerprint": self.desired_fingerprint,
            "in_sync_fingerprints": [
                {"server_version": group.version, "fingerprint": group.fingerprint}
                for group in self.groups
                if group.in_sync
            ],
        }

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), indent=2) + "\n", encoding="utf-8")


def read_fingerprints(settings: Settings, targets: list[Target]) -> list[Reading]:
    """Each target's fingerprint and server version: one connection and one query per
    target, PARALLEL_READS at a time, under the settings' lock timeout (with retries)."""

    def read(target: Target) -> Reading:
        address = settings.session(target.address)
        retrier = locks.Retrier(settings.lock_timeout, settings.retries)
        return retrier.run(lambda: _reading(settings, target, address), address)

    if not targets:  # a shard may hold none
        return []
    with ThreadPoolExecutor(min(PARALLEL_READS, len(targets))) as pool:
        return list(pool.map(read, targets))


def _reading(settings: Settings, target: Target, address: db.Address) -> Reading:
    """One target's reading; a target that cannot be reached is named by its line."""
    try:
        conn = db.connect(address, autocommit=True)
    except ConnectionFailed as error:
        raise ConnectionFailed(f"{target.where}: {error.message}") from None
    with conn:
        fingerprint = catalog.fingerprint(conn, settings.excluded_schemas)
        return Reading(target, db.server_version(conn), fingerprint)


def grouped(readings: list[Reading]) -> list[tuple[int, str, tuple[Target, ...]]]:
    """Targets by (server version, fingerprint), groups in the order of their first
    target in the list, targets in list order."""
    groups: dict[tuple[int, str], list[Target]] = {}
    for reading in readings:
        groups.setdefault((reading.version, reading.fingerprint), []).append(reading.target)
    return [(version, fp, tuple(members)) for (version, fp), members in groups.items()]


def plan_fleet(
    settings: Settings,
    targets: list[Target],
    progress: Callable[[str], None] = lambda message: None,
) -> FleetPlan:
    """Fingerprints first, then one plan per group (made on the group's first target);
    the groups with changes first, then those in sync."""
    readings = read_fingerprints(settings, targets)
    groups = []
    for version, fingerprint, members in grouped(readings):
        first = settings.session(members[0].address)
        progress(f"planning {len(members)} target(s) of fingerprint {fingerprint[:12]}")
        retrier = locks.Retrier(settings.lock_timeout, settings.retries)
        plan = retrier.run(lambda first=first: make_plan(settings, first), first)
        groups.append(Group(version, fingerprint, members, plan))
    pending = [group for group in groups if not group.in_sync]
    return FleetPlan(tuple(pending + [group for group in groups if group.in_sync]))


def load_fleet_plan(path: Path) -> FleetPlan:
    """A fleet plan saved by `plan --targets/--fleet --out`: each group's plan read as a
    saved plan is (refused when edited, or made by another version). Its groups hold
    the targets' masked names only (`listed`); the targets come from the command line."""
    data = read_json(path)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise PlanFileError(f"{path}: not a fleet plan (from `plan --targets ... --out`)")
    if data.get("format_version") != FORMAT_VERSION:
        raise PlanFileError(f"{path}: a fleet plan of another format; make the plan again")
    try:
        groups = [
            Group(
                int(group["server_version"]),
                str(group["fingerprint"]),
                (),
                plan_from_json(group["plan"], f"{path} group {number}"),
                tuple(str(target) for target in group["targets"]),
            )
            for number, group in enumerate(data["groups"], 1)
        ]
        desired = str(data["desired_fingerprint"])
        synced = [
            Group(
                int(group["server_version"]),
                str(group["fingerprint"]),
                (),
                Plan((), "", str(group["fingerprint"]), desired),
            )
            for group in data["in_sync_fingerprints"]
        ]
    except (KeyError, TypeError, ValueError) as error:
        raise PlanFileError(f"{path}: incomplete fleet plan ({error!r})") from None
    return FleetPlan(tuple(groups + synced))


def regrouped(saved: FleetPlan, readings: list[Reading]) -> tuple[FleetPlan, list[Target]]:
    """The targets read now, in the saved fleet plan's groups: each joins the group of
    its (server version, fingerprint). Refused (the second list): a target whose
    fingerprint is in no group of the plan, or that the plan lists in a group whose
    fingerprint it no longer has (it changed since the plan was made)."""
    by_key = {(group.version, group.fingerprint): group for group in saved.groups}
    listed = {name: group for group in saved.groups for name in group.listed}
    members: dict[tuple[int, str], list[Target]] = {key: [] for key in by_key}
    refused: list[Target] = []
    for reading in readings:
        key = (reading.version, reading.fingerprint)
        named = listed.get(str(reading.target))
        if key not in by_key or (named is not None and named is not by_key[key]):
            refused.append(reading.target)
        else:
            members[key].append(reading.target)
    groups = [
        Group(g.version, g.fingerprint, tuple(members[(g.version, g.fingerprint)]), g.plan)
        for g in saved.groups
    ]
    return FleetPlan(tuple(groups)), refused
