"""A type name that changes kind (class 8 of issue 15): the old type's name aside."""

from __future__ import annotations

from schematool.diff import replaced_types


def _snapshot(**kinds: list[str]) -> dict:
    return {kind: {identity: {} for identity in names} for kind, names in kinds.items()}


def test_a_type_name_given_to_a_type_of_another_kind_is_a_replacement():
    current = _snapshot(enum=["public.visibility", "public.mood"], domain=["public.score"])
    desired = _snapshot(domain=["public.visibility"], enum=["public.mood"], range_type=["public.score"])
    assert replaced_types.replaced(current, desired) == [
        ("public.visibility", "enum", "domain"),
        ("public.score", "domain", "range_type"),
    ]


def test_only_a_used_type_is_put_aside_and_a_domain_with_alter_domain():
    current = _snapshot(enum=["public.visibility"], domain=["public.score"])
    desired = _snapshot(domain=["public.visibility"], enum=["public.score"])
    asides = replaced_types.planned(current, desired, lambda identity: identity == "public.score")
    assert [c.sql for c in asides] == ["ALTER DOMAIN public.score RENAME TO score__replaced_to_be_dropped;"]
    assert asides[0].op.effect == "rename" and asides[0].hazards == ()


def test_the_aside_name_is_free_in_both_databases_and_fits_63_bytes():
    taken = _snapshot(table=["public.visibility__replaced_to_be_dropped"])
    arrays = _snapshot(composite_type=["app._visibility__replaced_to_be_dropped1"])
    assert replaced_types.free_name("public", "visibility", taken, {}) == "visibility__replaced_to_be_dropped1"
    assert replaced_types.free_name("app", "visibility", {}, arrays) == "visibility__replaced_to_be_dropped"
    assert replaced_types.free_name("app", "visibility", _snapshot(enum=["app.visibility__replaced_to_be_dropped"]), arrays) == "visibility__replaced_to_be_dropped2"
    long = "é" * 40  # 80 bytes
    name = replaced_types.free_name("public", long, {}, {})
    assert len(name.encode()) <= 63 and name.endswith(replaced_types.SUFFIX) and name.startswith("é" * 7)
