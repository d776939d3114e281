"""Secrets in generic (foreign-data) options: never printed.

A user mapping's options routinely hold a `password` (postgres_fdw, mysql_fdw, ...). The
plan runs the real statement, but everything a person or a log sees (plan text,
markdown, JSON, `sql`, error messages, the history table, verification differences)
shows the value as `'***'`. An option is secret when its name holds `password` (also
`sslpassword`, `passfile` is a path, not a secret) and is not a flag about passwords.
"""

from __future__ import annotations

from typing import Any

MASK = "***"
_FLAGS = frozenset({"password_required"})


def is_secret(option: str) -> bool:
    return "password" in option.lower() and option.lower() not in _FLAGS


def masked_options(pairs: Any) -> Any:
    """[name, value] pairs (a snapshot's `options`) with each secret value masked;
    anything else as it is."""
    if not isinstance(pairs, list):
        return pairs
    return [
        [p[0], MASK] if isinstance(p, list) and len(p) == 2 and is_secret(str(p[0])) else p
        for p in pairs
    ]


def masked_attrs(value: Any) -> Any:
    """A snapshot object's attributes with the secret values of its options masked."""
    if not isinstance(value, dict):
        return value
    return {
        key: masked_options(item) if key in ("options", "fdw_options") else item
        for key, item in value.items()
    }
