"""What keeps the everyday paths fast (issue 23, docs/performance.md), without timing
anything: the long-identifier check's shortcut finds exactly what the lexer finds,
`bench/plan_speed.py --check` fails a ratio only when it is over 1.5 times its target, and
a plan imports only what its path needs."""

from __future__ import annotations

import importlib.util
import secrets
import sys
from pathlib import Path

import pytest

from schematool import db
from schematool.desired.database import load_desired
from schematool.grammar import lexer
from schematool.project.files import NAMEDATALEN, SchemaFile, long_identifiers
from tests.test_cli_startup import imported_modules

LONG, SHORT = "x" * NAMEDATALEN, "y" * (NAMEDATALEN - 1)


def lexed(text: str) -> set[str]:
    """The long identifiers the character-by-character lexer finds (no shortcut)."""
    return {name for name, _ in lexer.identifiers(text) if len(name.encode("utf-8")) >= NAMEDATALEN}


@pytest.mark.parametrize(
    "text",
    [
        f"CREATE TABLE {LONG} (id int);",
        f"CREATE TABLE {SHORT} (id int);",
        f'CREATE TABLE "{"a" * 30}""{"b" * 33}" ();',  # 64 characters once "" is one
        f'CREATE TABLE "{"a" * 30}""{"b" * 32}" ();',
        f'CREATE TABLE "{SHORT} " ();',
        f"SELECT '{LONG}';  -- {LONG}",  # in a string and a comment: no identifier
        f"CREATE TABLE é{'x' * (NAMEDATALEN - 2)} ();",  # 63 characters, 64 bytes
        "CREATE TABLE t (id int);\n" * 50,
    ],
    ids=range(8),
)
def test_long_identifier_check_finds_what_the_lexer_finds(text):
    messages = long_identifiers(SchemaFile("f.sql", text))
    assert len(messages) == len(lexed(text))
    for name in lexed(text):
        assert any(f'"{name}"' in message for message in messages)


def _bench():
    path = Path(__file__).resolve().parent.parent / "bench" / "plan_speed.py"
    spec = importlib.util.spec_from_file_location("plan_speed_bench", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _figures(noop: float, small: float, cold: float) -> dict[str, tuple[float, int]]:
    """A schema's figures whose three ratios are noop, small and cold (migra: 1 s each,
    floor 0 s)."""
    return {
        "plan noop warm": (noop, 0),
        "plan small warm": (small, 0),
        "plan small cold": (cold, 0),
        "migra noop": (1.0, 0),
        "migra small": (1.0, 0),
        "floor": (0.0, 0),
    }


def test_speed_check_passes_ratios_within_half_again_of_their_bounds():
    bench = _bench()
    bounds = [bench.bound(name) for name, *_ in bench.TARGETS]
    within = _figures(*(b * 1.5 for b in bounds))
    assert bench.check([("30 tables", within)]) == []


def test_speed_check_names_each_ratio_over_half_again_of_its_bound():
    bench = _bench()
    noop, small, cold = (bench.bound(name) for name, *_ in bench.TARGETS)
    missed = bench.check([("30 tables", _figures(noop * 1.6, small, cold * 2))])
    assert [line.split(" is ")[0] for line in missed] == [
        "30 tables: warm noop / migra noop",
        "30 tables: cold small / (floor + migra small)",
    ]


def test_an_open_target_is_held_to_the_ratio_it_had_and_a_met_one_to_itself():
    bench = _bench()
    for name, _, _, target, landed in bench.TARGETS:
        assert bench.bound(name) == (target if landed is None else max(target, landed))
    # a met target (no landed ratio) fails just past half again of the target itself
    original = bench.TARGETS[0]
    name, over, under, target, _ = original
    bench.TARGETS[0] = (name, over, under, target, None)
    try:
        assert bench.check([("30 tables", _figures(target * 1.6, 0.0, 0.0))])
        assert not bench.check([("30 tables", _figures(target * 1.4, 0.0, 0.0))])
    finally:
        bench.TARGETS[0] = original


def _plan_imports(folder: Path, url: str) -> set[str]:
    """The top-level packages a fresh `schematool plan` in `folder` against `url` imports."""
    found = imported_modules(folder, "plan", env={"DATABASE_URL": url, "NO_COLOR": "1"})
    return {module.split(".")[0] for module in found}


def test_a_warm_noop_plan_imports_no_sql_reader_and_a_diff_no_sqlalchemy(tmp_path, new_db):
    """The fingerprint shortcut needs neither migra nor pglast (nor Jinja, for a project
    without templates); a plan that diffs needs migra and never SQLAlchemy (schemainspect
    reads through psycopg)."""
    schema = (
        f"CREATE TABLE t (id int, name text);\nCOMMENT ON TABLE t IS '{secrets.token_hex(8)}';\n"
    )
    (tmp_path / "pyproject.toml").write_text(
        '[tool.schematool]\nschema = "schema"\nkeep_scratch = true\n'
    )
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "t.sql").write_text(schema)
    target = new_db()
    load_desired(target, [SchemaFile("t.sql", schema)])
    _plan_imports(tmp_path, target)  # cold: the kept database is built
    warm = _plan_imports(tmp_path, target)
    assert "psycopg" in warm
    assert warm.isdisjoint({"pglast", "migra", "schemainspect", "sqlalchemy", "jinja2"})
    with db.connect(target, autocommit=True) as conn:
        conn.execute("ALTER TABLE t DROP COLUMN name")
    diffing = _plan_imports(tmp_path, target)
    assert {"migra", "schemainspect", "pglast"} <= diffing
    assert "sqlalchemy" not in diffing
