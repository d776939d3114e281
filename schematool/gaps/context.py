"""What every gap module sees."""

from __future__ import annotations

from dataclasses import dataclass

from schematool.catalog import Snapshot


@dataclass(frozen=True)
class Context:
    """Both snapshots and the statements the module's own come with.

    For `early` and `in_place`, `statements` are migra's, as migra spelled them, and
    `server_version` is the target's major version. For `late`, `statements` are the
    revised ones that run before, and the version is not known (None). `dropped` holds
    the `kind:identity` keys of current objects those statements drop (perhaps to
    recreate them): such objects lose their comments, flags, options and grants.
    """

    current: Snapshot
    desired: Snapshot
    statements: tuple[str, ...]
    dropped: frozenset[str]
    server_version: int | None = None
