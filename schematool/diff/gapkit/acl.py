"""Reading aclitem texts from snapshots and turning one ACL into another with GRANT/REVOKE.

Grantors are ignored: statements run as the applying role, so the server records the
owner as grantor whatever the desired database says.
"""

from __future__ import annotations

from collections.abc import Iterable

from schematool.names import aclitem, ident

PUBLIC = ""  # aclitem spells the PUBLIC pseudo-role as an empty grantee

_PRIVILEGES = {
    "r": "SELECT",
    "w": "UPDATE",
    "a": "INSERT",
    "d": "DELETE",
    "D": "TRUNCATE",
    "x": "REFERENCES",
    "t": "TRIGGER",
    "X": "EXECUTE",
    "U": "USAGE",
    "C": "CREATE",
    "c": "CONNECT",
    "T": "TEMPORARY",
    "m": "MAINTAIN",
    "s": "SET",
    "A": "ALTER SYSTEM",
}

Grants = dict[str, dict[str, bool]]  # grantee -> privilege -> with grant option


def parse(items: list[str]) -> Grants:
    """`["case_reader=U*/postgres", "=U/postgres"]` -> {case_reader: {USAGE: True}, "": ...}."""
    grants: Grants = {}
    for item in items:
        grantee, privileges, _ = aclitem(item)
        held = grants.setdefault(grantee, {})
        for letter, with_option in privileges:
            held[_PRIVILEGES[letter]] = held.get(_PRIVILEGES[letter], False) or with_option
    return grants


def changes(
    target: str, have: Grants, want: Grants, column: str | None = None, ordered: bool = True
) -> list[str]:
    """REVOKEs then GRANTs that turn `have` into `want` on `target` (`SCHEMA app`).

    With `column` (already quoted) the privileges are a column's: `UPDATE (col)`.

    PostgreSQL keeps a grantee's entry where it stands when its privileges change and
    appends a new grantee's, and pg_dump prints the entries in that order: the GRANTs
    come in `want`'s order (the desired database's aclitem order). An entry both hold
    stays where it stands: re-granting for the order alone would churn every plan
    (differences compare privileges as sets). Not `ordered` (default privileges, whose
    snapshot keeps no order): by grantee name.
    """
    revokes: list[str] = []
    for grantee in sorted(have.keys() | want.keys()):
        old, new = have.get(grantee, {}), want.get(grantee, {})
        role = _role(grantee)
        gone = _spell((p for p in old if p not in new), column)
        option_gone = _spell((p for p in new if old.get(p) and not new[p]), column)
        if gone:
            revokes.append(f"REVOKE {gone} ON {target} FROM {role};")
        if option_gone:
            revokes.append(f"REVOKE GRANT OPTION FOR {option_gone} ON {target} FROM {role};")
    grants: list[str] = []
    for grantee in want if ordered else sorted(want):
        new = want[grantee]
        old = have.get(grantee, {})
        role = _role(grantee)
        plain = _spell((p for p in new if not new[p] and p not in old), column)
        optioned = _spell((p for p in new if new[p] and not old.get(p)), column)
        if plain:
            grants.append(f"GRANT {plain} ON {target} TO {role};")
        if optioned:
            grants.append(f"GRANT {optioned} ON {target} TO {role} WITH GRANT OPTION;")
    return revokes + grants


def _role(grantee: str) -> str:
    return "PUBLIC" if grantee == PUBLIC else ident(grantee)


def _spell(privileges: Iterable[str], column: str | None) -> str:
    suffix = f" ({column})" if column else ""
    return ", ".join(p + suffix for p in sorted(privileges))
