"""Reading aclitem texts from snapshots and turning one ACL into another with GRANT/REVOKE.

Grantors are ignored: statements run as the applying role, so the server records the
owner as grantor whatever the desired database says.
"""

from __future__ import annotations

from schematool.gaps.quoting import ident

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
        grantee, privileges = _split_item(item)
        held = grants.setdefault(grantee, {})
        for letter, with_option in privileges:
            held[_PRIVILEGES[letter]] = held.get(_PRIVILEGES[letter], False) or with_option
    return grants


def changes(target: str, have: Grants, want: Grants) -> list[str]:
    """REVOKEs then GRANTs that turn `have` into `want` on `target` (`SCHEMA app`)."""
    revokes: list[str] = []
    grants: list[str] = []
    for grantee in sorted(have.keys() | want.keys()):
        old, new = have.get(grantee, {}), want.get(grantee, {})
        role = "PUBLIC" if grantee == PUBLIC else ident(grantee)
        gone = sorted(p for p in old if p not in new)
        option_gone = sorted(p for p in new if old.get(p) and not new[p])
        plain = sorted(p for p in new if not new[p] and p not in old)
        optioned = sorted(p for p in new if new[p] and not old.get(p))
        if gone:
            revokes.append(f"REVOKE {', '.join(gone)} ON {target} FROM {role};")
        if option_gone:
            privileges = ", ".join(option_gone)
            revokes.append(f"REVOKE GRANT OPTION FOR {privileges} ON {target} FROM {role};")
        if plain:
            grants.append(f"GRANT {', '.join(plain)} ON {target} TO {role};")
        if optioned:
            grants.append(f"GRANT {', '.join(optioned)} ON {target} TO {role} WITH GRANT OPTION;")
    return revokes + grants


def _split_item(item: str) -> tuple[str, list[tuple[str, bool]]]:
    grantee, i = _read_role(item, 0)
    end = item.index("/", i)
    text = item[i + 1 : end]  # skip '='
    privileges = [(ch, text[k + 1 : k + 2] == "*") for k, ch in enumerate(text) if ch != "*"]
    return grantee, privileges


def _read_role(item: str, i: int) -> tuple[str, int]:
    """A role name as aclitem prints it: bare, or double-quoted with "" for a quote."""
    if not item.startswith('"', i):
        end = item.index("=", i)
        return item[i:end], end
    chars: list[str] = []
    i += 1
    while True:
        if item[i] == '"':
            if item.startswith('""', i):
                chars.append('"')
                i += 2
                continue
            return "".join(chars), i + 1
        chars.append(item[i])
        i += 1
