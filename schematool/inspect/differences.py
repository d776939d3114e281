"""Comparing two catalog snapshots (`catalog.Snapshot`): what apply reports as left
different after its work, and what the online apply checks its core against.
"""

from __future__ import annotations

import json
from typing import Any

from schematool.inspect.catalog import Snapshot
from schematool.secrets import masked_attrs, masked_options


def differences(expected: Snapshot, actual: Snapshot) -> list[str]:
    """One sorted line per difference; `expected` is the desired schema, `actual` the target.

    Empty when the snapshots are equal.
    """
    lines: list[str] = []
    for kind in expected.keys() | actual.keys():
        lines += _kind_differences(kind, expected.get(kind, {}), actual.get(kind, {}))
    return sorted(lines)


def _kind_differences(kind: str, expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    label = kind.replace("_", " ")
    lines = [f"missing in target: {label} {ident}" for ident in expected.keys() - actual.keys()]
    lines += [f"unexpected in target: {label} {ident}" for ident in actual.keys() - expected.keys()]
    for ident in expected.keys() & actual.keys():
        lines += _shown_differences(f"{label} {ident}:", expected[ident], actual[ident])
    return lines


def _masked(value: Any) -> Any:
    return masked_attrs(value) if isinstance(value, dict) else masked_options(value)


def _acl_unordered(where: str, value: Any) -> Any:
    """A privilege list compared as the set it is: the snapshot keeps PostgreSQL's stored
    order (the plan grants in the desired database's order), but an object whose owner
    changed, or whose grants were given in another order, holds the same privileges in
    another order, and re-granting for the order alone would churn every plan."""
    if isinstance(value, list) and (where.endswith(" acl") or where.endswith(".acl")):
        return sorted(value)
    if isinstance(value, dict) and isinstance(value.get("acl"), list):
        return {**value, "acl": sorted(value["acl"])}
    return value


def _shown_differences(where: str, expected: Any, actual: Any) -> list[str]:
    """`_value_differences` with secret option values (a user mapping's password)
    masked: a difference only in one says so without showing either."""
    expected, actual = _acl_unordered(where, expected), _acl_unordered(where, actual)
    shown_expected, shown_actual = _masked(expected), _masked(actual)
    lines = _value_differences(where, shown_expected, shown_actual)
    if not lines and expected != actual:
        lines = [f"{where} a secret option value differs (not shown)"]
    return lines


def _value_differences(where: str, expected: Any, actual: Any) -> list[str]:
    """Descend into dictionaries so a line names the attribute (`identity.increment`)."""
    if expected == actual:
        return []
    if isinstance(expected, dict) and isinstance(actual, dict):
        lines: list[str] = []
        for key in sorted(expected.keys() | actual.keys()):
            path = f"{where} {key}" if where.endswith(":") else f"{where}.{key}"
            lines += _value_differences(path, expected.get(key), actual.get(key))
        return lines
    return [f"{where} {_show_pair(expected, actual)}"]


Difference = tuple[str, str, str | None, list[str]]


def difference_keys(expected: Snapshot, actual: Snapshot) -> list[Difference]:
    """The differences `differences` prints, by object: (kind, identity, attribute, its
    lines), the attribute None for an object missing or unexpected in `actual`. The
    online apply checks what its core leaves by these keys, not by the lines' text."""
    found: list[Difference] = []
    for kind in sorted(expected.keys() | actual.keys()):
        want, have = expected.get(kind, {}), actual.get(kind, {})
        label = kind.replace("_", " ")
        for ident in sorted(want.keys() - have.keys()):
            found.append((kind, ident, None, [f"missing in target: {label} {ident}"]))
        for ident in sorted(have.keys() - want.keys()):
            found.append((kind, ident, None, [f"unexpected in target: {label} {ident}"]))
        for ident in sorted(want.keys() & have.keys()):
            a, b = want[ident], have[ident]
            if a == b:
                continue
            if not (isinstance(a, dict) and isinstance(b, dict)):
                lines = _shown_differences(f"{label} {ident}:", a, b)
                if lines:
                    found.append((kind, ident, None, lines))
                continue
            for key in sorted(a.keys() | b.keys()):
                lines = _shown_differences(f"{label} {ident}: {key}", a.get(key), b.get(key))
                if lines:
                    found.append((kind, ident, key, lines))
    return found


_SHORT = 60


def _show_pair(expected: Any, actual: Any) -> str:
    if (
        isinstance(expected, str)
        and isinstance(actual, str)
        and max(len(expected), len(actual)) > _SHORT
    ):
        # Long definitions: show where they part, not two pages on one line.
        at = _common_prefix_length(expected, actual)
        start = max(0, at - 20)
        return (
            f"differ at character {at + 1}: "
            f"{_show('…' * (start > 0) + expected[start : at + 30])} != "
            f"{_show('…' * (start > 0) + actual[start : at + 30])}"
        )
    return f"{_show(expected)} != {_show(actual)}"


def _common_prefix_length(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
