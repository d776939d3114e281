"""schematool.diff.gapkit.plugin: the gap plug-ins' registry orders and checks them."""

from __future__ import annotations

from pkgutil import iter_modules

import pytest

from schematool.diff import gaps
from schematool.diff.gapkit.plugin import Plugin, RegistryError, ordered

# The order the plug-ins ran in when it was a tuple's (schematool.diff.gaps.MODULES): the
# constraints they declare must give exactly this one, or plans would change.
OLD_ORDER = [
    "extensions",
    "collations",
    "text_search",
    "range_types",
    "domains",
    "composite_types",
    "enums",
    "column_defaults",
    "constraints",
    "functions",
    "generated_columns",
    "inheritance",
    "partitions",
    "policies",
    "sequences",
    "sequence_swaps",
    "columns",
    "not_null_names",
    "reloptions",
    "indexes",
    "statistics",
    "rules",
    "aggregates",
    "casts",
    "operators",
    "event_triggers",
    "publications",
    "owners",
    "schema_grants",
    "privileges",
    "column_grants",
    "foreign_data",
    "default_privileges",
    "rls",
    "comments",
    "drops",
]


def _late(context):
    return []


def _plugin(name: str, **declared) -> Plugin:
    return Plugin(name, late=declared.pop("late", _late), **declared)


def test_the_declared_constraints_give_the_order_the_plug_ins_always_ran_in():
    assert [plugin.name for plugin in gaps.PLUGINS] == OLD_ORDER


def test_every_module_of_the_folder_is_a_registered_plug_in():
    modules = sorted(module.name for module in iter_modules(gaps.__path__))
    assert sorted(plugin.name for plugin in gaps.PLUGINS) == modules


def test_the_order_does_not_depend_on_the_order_of_registration():
    assert ordered(reversed(gaps.PLUGINS)) == gaps.PLUGINS


def test_plug_ins_follow_what_they_run_after_and_else_go_by_name():
    plugins = (
        _plugin("a", after=("c",)),
        _plugin("b"),
        _plugin("c"),
        _plugin("d", before=("b",)),
    )
    assert [p.name for p in ordered(plugins)] == ["c", "a", "d", "b"]


def test_a_plug_in_registered_twice_is_an_error():
    with pytest.raises(RegistryError, match="'one' is registered twice"):
        ordered((_plugin("one"), _plugin("two"), _plugin("one")))


@pytest.mark.parametrize("constraint", ["after", "before"])
def test_a_constraint_naming_an_unknown_plug_in_is_an_error(constraint):
    with pytest.raises(RegistryError, match="'one' is ordered against unknown 'three'"):
        ordered((_plugin("one", **{constraint: ("two", "three")}), _plugin("two")))


def test_constraints_in_a_cycle_are_an_error_naming_it():
    plugins = (
        _plugin("a", after=("c",)),
        _plugin("b", after=("a",)),
        _plugin("c", after=("b",)),
        _plugin("d", after=("a",)),
    )
    with pytest.raises(RegistryError, match="in a cycle: a -> c -> b -> a"):
        ordered(plugins)


def test_a_plug_in_ordered_after_itself_is_a_cycle():
    with pytest.raises(RegistryError, match="in a cycle: a -> a"):
        ordered((_plugin("a", after=("a",)),))


def test_a_plug_in_with_no_phase_is_an_error():
    with pytest.raises(RegistryError, match="'idle' declares no phase"):
        ordered((Plugin("idle", after=()),))


def test_in_place_needs_the_pairs_it_replaces_and_pairs_need_in_place():
    with pytest.raises(RegistryError, match="'vague' replaces changes in place but declares"):
        ordered((Plugin("vague", in_place=lambda context: {}),))
    with pytest.raises(RegistryError, match="'idle' declares in_place_for but no in_place"):
        ordered((_plugin("idle", in_place_for=(("column", "type"),)),))


def test_a_module_of_the_folder_not_registered_is_an_error():
    with pytest.raises(RegistryError, match="gap module.s. stray not registered"):
        ordered((_plugin("one"),), modules=("one", "stray"))


def test_a_plug_in_with_no_module_of_its_name_is_an_error():
    with pytest.raises(RegistryError, match="plug-in.s. one have no module"):
        ordered((_plugin("one"), _plugin("two")), modules=("two",))
