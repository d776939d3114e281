"""What every gap module sees."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

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

    @cached_property
    def text(self) -> str:
        """All the statements in one string, for `mentions`."""
        return "\n".join(self.statements)

    def mentions(self, fragment: str) -> bool:
        """Whether some statement holds `fragment`: a cheap test that spares a module
        its per-object regular expressions on a plan that never names the object (a
        plan touching one table of thousands)."""
        return fragment in self.text

    def mentions_name(self, name: str) -> bool:
        """Whether an identifier occurs, bare or quoted (inner quotes doubled)."""
        return self.mentions(name) or self.mentions(name.replace('"', '""'))
