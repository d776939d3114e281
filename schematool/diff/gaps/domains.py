"""CREATE / ALTER / DROP DOMAIN: migra neither compares nor creates domains.

Domains are created and changed early, before migra creates or alters the tables whose
columns use them; they are dropped late, after migra has dropped or changed those
columns. A domain whose base type or collation changes cannot be altered; it is dropped
and created again, which works while no column uses it.
"""

from __future__ import annotations

from collections.abc import Mapping

from schematool.diff.gapkit.context import Context, changes
from schematool.diff.gapkit.plugin import Plugin
from schematool.diff.gaps import drops
from schematool.grammar.change import Change
from schematool.inspect.records import Domain, DomainCheck
from schematool.names import ident


def early(context: Context) -> list[Change]:
    have_all, want_all = context.current_catalog.domains, context.desired_catalog.domains
    # a domain whose name goes to a type of another kind: dropped before it is created
    result = [f"DROP DOMAIN {identity};" for identity in sorted(_gone(context, taken=True))]
    for identity in _creation_order(want_all):
        want, have = want_all[identity], have_all.get(identity)
        if have is not None and _same_base(have, want):
            result += _alter(identity, have, want)
            continue
        if have is not None:
            result.append(f"DROP DOMAIN {identity};")
        result += _create(identity, want)
    return changes(result)


def late(context: Context) -> list[Change]:
    return changes([f"DROP DOMAIN {identity};" for identity in sorted(_gone(context, taken=False))])


def _gone(context: Context, taken: bool) -> set[str]:
    """The domains the desired schema lacks whose name it gives (`taken`), or does not
    give, to a type of another kind."""
    gone = context.current_catalog.domains.keys() - context.desired_catalog.domains.keys()
    return {i for i in gone if drops.taken_by_another_type(context, "domain", i) == taken}


def _same_base(have: Domain, want: Domain) -> bool:
    return (have.type, have.collation) == (want.type, want.collation)


def _create(identity: str, want: Domain) -> list[str]:
    clauses = [f"CREATE DOMAIN {identity} AS {want.type}"]
    if want.collation:
        clauses.append(f"COLLATE {want.collation}")
    if want.default is not None:
        clauses.append(f"DEFAULT {want.default}")
    if want.not_null:
        clauses.append("NOT NULL")
    later = []
    for name, check in sorted(want.checks.items()):
        if check.validated:
            clauses.append(f"CONSTRAINT {ident(name)} {check.definition}")
        else:  # NOT VALID exists only in ALTER DOMAIN
            later.append(_add_check(identity, name, check))
    return [" ".join(clauses) + ";", *later]


def _alter(identity: str, have: Domain, want: Domain) -> list[str]:
    result = []
    if have.default != want.default:
        default = want.default
        action = "DROP DEFAULT" if default is None else f"SET DEFAULT {default}"
        result.append(f"ALTER DOMAIN {identity} {action};")
    if bool(have.not_null) != bool(want.not_null):
        action = "SET NOT NULL" if want.not_null else "DROP NOT NULL"
        result.append(f"ALTER DOMAIN {identity} {action};")
    old, new = have.checks, want.checks
    for name in sorted(old):
        if name not in new or _check_text(old[name]) != _check_text(new[name]):
            result.append(f"ALTER DOMAIN {identity} DROP CONSTRAINT {ident(name)};")
    for name in sorted(new):
        if name not in old or _check_text(old[name]) != _check_text(new[name]):
            result.append(_add_check(identity, name, new[name]))
        elif new[name].validated and not old[name].validated:
            result.append(f"ALTER DOMAIN {identity} VALIDATE CONSTRAINT {ident(name)};")
    return result


def _check_text(check: DomainCheck) -> str:
    """The CHECK itself: a NOT VALID check that becomes valid is validated, not re-added."""
    return check.definition.removesuffix(" NOT VALID")


def _add_check(identity: str, name: str, check: DomainCheck) -> str:
    return f"ALTER DOMAIN {identity} ADD CONSTRAINT {ident(name)} {check.definition};"


def _creation_order(domains: Mapping[str, Domain]) -> list[str]:
    """Sorted by name, except that a domain over another domain comes after it."""
    ordered: list[str] = []

    def visit(identity: str, path: tuple[str, ...]) -> None:
        if identity in ordered or identity in path:
            return
        base = domains[identity].type or ""
        for other in sorted(domains):
            if other != identity and base == other:
                visit(other, path + (identity,))
        ordered.append(identity)

    for identity in sorted(domains):
        visit(identity, ())
    return ordered


PLUGIN = Plugin(
    "domains",
    early=early,
    late=late,
    after=("range_types",),  # (order kept)
)
