"""Reference data as code: rows a project declares in `data/<schema>.<table>.csv` are
planned and applied as row changes, keyed by the declared key, on real servers."""

from __future__ import annotations

import json

import pytest

from schematool import db
from schematool.errors import ExitCode
from tests.conftest import ROOT
from tests.helpers import make_project, run, write

SCHEMA = """\
CREATE SCHEMA ref;
CREATE TABLE ref.color (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL UNIQUE,
    name text NOT NULL,
    rank integer,
    created_at timestamptz NOT NULL DEFAULT now()
);
"""

COLORS = """\
# key: code
code,name,rank
red,Red,1
green,Green,2
blue,Blue,
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project whose schema declares ref.color and whose data folder its rows."""
    root = make_project(tmp_path, {"ref.sql.j2": SCHEMA})
    monkeypatch.chdir(root)
    assert run("render").exit_code == 0
    write(root / "data" / "ref.color.csv", COLORS)
    return root


def _plan_json(url: str) -> dict:
    """The JSON plan, as docs/plan.schema.json describes it (row steps included)."""
    import jsonschema

    result = run("plan", "--database-url", url, "--format", "json")
    assert result.exit_code == 0, result.stdout + result.stderr
    plan = json.loads(result.stdout)
    jsonschema.validate(plan, json.loads((ROOT / "docs" / "plan.schema.json").read_text()))
    return plan


def _colors(url: str) -> list[tuple]:
    with db.connect(url) as conn:
        return conn.execute("SELECT id, code, name, rank FROM ref.color ORDER BY id").fetchall()


@pytest.mark.parametrize("version", [15, 18])
def test_a_changed_csv_plans_exactly_the_row_changes(version, servers, db_factory, project):
    url = db_factory(servers[version])
    first = run("apply", "--database-url", url, "--yes")
    assert first.exit_code == ExitCode.OK, first.stdout + first.stderr
    assert [row[1:] for row in _colors(url)] == [
        ("red", "Red", 1), ("green", "Green", 2), ("blue", "Blue", None)
    ]
    ids = {row[1]: row[0] for row in _colors(url)}
    assert _plan_json(url)["steps"] == []  # a second plan is empty

    # green renamed, blue gone, a rank spelled otherwise (01 is 1: no change), teal new
    write(project / "data" / "ref.color.csv", "# key: code\ncode,rank,name\nred,01,Red\n"
          "green,2,Verdant\nteal,4,Teal\n")
    steps = _plan_json(url)["steps"]
    assert [(s["action"], s["kind"], s["sql"]) for s in steps] == [
        ("drop", "row", "DELETE FROM ref.color WHERE code = 'blue';"),
        ("alter", "row", "UPDATE ref.color SET name = 'Verdant' WHERE code = 'green';"),
        ("create", "row", "INSERT INTO ref.color (code, rank, name) VALUES ('teal', '4', 'Teal');"),
    ]
    assert [[h["kind"] for h in s["hazards"]] for s in steps] == [["data-loss"], [], []]
    assert "ref.color" in steps[0]["hazards"][0]["reason"]
    assert "code=blue" in steps[0]["hazards"][0]["reason"]

    refused = run("apply", "--database-url", url, "--yes")
    assert refused.exit_code == ExitCode.REFUSED, refused.stdout + refused.stderr
    applied = run("apply", "--database-url", url, "--yes", "--allow-hazards", "data-loss")
    assert applied.exit_code == ExitCode.OK, applied.stdout + applied.stderr
    after = _colors(url)
    assert [row[1:] for row in after] == [
        ("red", "Red", 1), ("green", "Verdant", 2), ("teal", "Teal", 4)
    ]
    # keyed by code: the rows kept are the same rows (identity never written)
    assert {row[1]: row[0] for row in after if row[1] != "teal"} == {
        code: ids[code] for code in ("red", "green")
    }
    assert run("plan", "--database-url", url, "--exit-code").exit_code == ExitCode.OK


def test_rows_of_a_table_the_application_also_writes_are_deleted_only_with_data_loss(
    pg, db_factory, project
):
    """The file is the table's whole content: a row someone else inserted is planned
    as a delete, with the data-loss hazard."""
    url = db_factory(pg)
    assert run("apply", "--database-url", url, "--yes").exit_code == ExitCode.OK
    with db.connect(url, autocommit=True) as conn:
        conn.execute("INSERT INTO ref.color (code, name) VALUES ('pink', 'Pink')")
        conn.execute("UPDATE ref.color SET rank = 7 WHERE code = 'blue'")
    steps = _plan_json(url)["steps"]
    assert [s["sql"] for s in steps] == [
        "DELETE FROM ref.color WHERE code = 'pink';",
        "UPDATE ref.color SET rank = NULL WHERE code = 'blue';",
    ]
    assert steps[0]["hazards"][0]["kind"] == "data-loss" and steps[1]["hazards"] == []


@pytest.mark.slow
def test_a_new_table_and_a_new_column_get_their_rows_in_the_same_apply(pg, db_factory, project):
    url = db_factory(pg)
    with db.connect(url, autocommit=True) as conn:  # the table as it was, without rank
        conn.execute(SCHEMA.replace("    rank integer,\n", ""))
        conn.execute("INSERT INTO ref.color (code, name) VALUES ('red', 'Red')")
    planned = run("plan", "--database-url", url, "--format", "sql")
    script = planned.stdout
    assert script.index('add column "rank"') < script.index("UPDATE ref.color SET rank = '1'")
    applied = run("apply", "--database-url", url, "--yes")
    assert applied.exit_code == ExitCode.OK, applied.stdout + applied.stderr
    assert [row[1:] for row in _colors(url)] == [
        ("red", "Red", 1), ("green", "Green", 2), ("blue", "Blue", None)
    ]
    assert run("plan", "--database-url", url, "--exit-code").exit_code == ExitCode.OK


@pytest.mark.slow
def test_an_online_apply_writes_the_rows_in_its_core(pg, db_factory, project):
    url = db_factory(pg)
    applied = run("apply", "--database-url", url, "--yes", "--online")
    assert applied.exit_code == ExitCode.OK, applied.stdout + applied.stderr
    assert len(_colors(url)) == 3
    write(project / "data" / "ref.color.csv", COLORS + "teal,Teal,4\n")
    plan = json.loads(run("plan", "--database-url", url, "--online", "--format", "json").stdout)
    assert [(s["phase"], s["action"]) for s in plan["steps"]] == [("core", "create")]
    assert run("apply", "--database-url", url, "--yes", "--online").exit_code == ExitCode.OK
    assert run("plan", "--database-url", url, "--exit-code").exit_code == ExitCode.OK


def test_a_saved_plan_applies_its_rows_and_is_stale_once_they_change(pg, db_factory, project):
    url = db_factory(pg)
    saved = project / "plan.json"
    assert run("plan", "--database-url", url, "--out", str(saved)).exit_code == ExitCode.OK
    applied = run("apply", "--database-url", url, "--plan", str(saved), "--yes")
    assert applied.exit_code == ExitCode.OK, applied.stdout + applied.stderr
    assert len(_colors(url)) == 3
    write(project / "data" / "ref.color.csv", COLORS + "teal,Teal,4\n")
    assert run("plan", "--database-url", url, "--out", str(saved)).exit_code == ExitCode.OK
    write(project / "data" / "ref.color.csv", COLORS)
    stale = run("apply", "--database-url", url, "--plan", str(saved), "--yes")
    assert stale.exit_code == ExitCode.STALE, stale.stdout + stale.stderr
    assert "schema/ or data/ changed since the plan was made" in stale.stderr


@pytest.mark.slow
def test_schema_dir_plans_the_folder_alone_without_the_project_s_rows(pg, db_factory, project):
    url = db_factory(pg)
    result = run("apply", "--database-url", url, "--schema-dir", "schema", "--yes")
    assert result.exit_code == ExitCode.OK, result.stdout + result.stderr
    assert _colors(url) == []


BAD = [
    ("no key", "code,name,rank\nred,Red,1\n", ":1: no `# key: column[, column...]` line"),
    ("key not in header", "# key: slug\ncode,name\nred,Red\n", ":2: the key column(s) slug"),
    ("short row", "# key: code\ncode,name,rank\nred,Red,1\ngreen,Green\n", ":4: 2 field(s)"),
    ("empty key", "# key: code\ncode,name\n,Red\n", ":3: the key column(s) code are empty"),
    ("duplicate key", "# key: code\ncode,name\nred,Red\nred,Rouge\n", ":4: key code=red"),
    ("bad value", "# key: code\ncode,name,rank\nred,Red,1\nblue,Blue,high\n",
     ":4: column rank (integer): invalid input syntax for type integer"),
    ("unknown column", "# key: code\ncode,hue\nred,Red\n", ":2: ref.color has no column hue"),
    ("identity column", "# key: code\nid,code,name\n1,red,Red\n", ":2: column id of ref.color"),
    ("keys equal as integers", "# key: rank\nrank,code,name\n1,red,Red\n01,green,Green\n",
     ":4: its key is the key of line 3"),
]


@pytest.mark.parametrize(("text", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_a_bad_csv_is_a_one_line_error_naming_file_and_line(
    text, message, pg, db_factory, project
):
    url = db_factory(pg)
    (project / "data" / "ref.color.csv").write_text(text)
    result = run("plan", "--database-url", url)
    assert result.exit_code == ExitCode.ERROR, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith("error: data/ref.color.csv:"), lines[0]
    assert message in lines[0], lines[0]


def test_the_platform_declares_audible_s_eleven_marketplaces():
    from schematool.project.reference_data import read_declared

    (marketplaces,) = read_declared(ROOT / "data", "data")
    assert (marketplaces.schema, marketplaces.table, marketplaces.key) == (
        "audiobooks", "marketplace", ("code",)
    )
    codes = [row.values[0] for row in marketplaces.rows]
    assert sorted(codes) == sorted(["us", "uk", "de", "fr", "ca", "au", "in", "it", "es", "jp", "br"])


def test_apply_verifies_the_declared_rows_before_it_commits(pg, db_factory, project):
    """A trigger that rewrites what the plan inserts: the table does not hold the
    declared rows after the plan, so apply rolls back (exit 6) and names the row."""
    write(project / "templates" / "shout.sql.j2", """\
        CREATE FUNCTION ref.shout() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.name := upper(NEW.name); RETURN NEW; END $$;
        CREATE TRIGGER shout BEFORE INSERT ON ref.color FOR EACH ROW EXECUTE FUNCTION ref.shout();
        """)
    assert run("render").exit_code == 0
    url = db_factory(pg)
    result = run("apply", "--database-url", url, "--yes")
    assert result.exit_code == ExitCode.NOT_CONVERGED, result.stdout + result.stderr
    assert "UPDATE ref.color SET name = 'Red' WHERE code = 'red'" in result.stderr
    with db.connect(url) as conn:
        assert conn.execute("SELECT to_regclass('ref.color')").fetchone() == (None,)


def test_tables_that_reference_each_other_are_written_referenced_first(
    pg, db_factory, tmp_path, monkeypatch
):
    """The referring table's file sorts first (`a_shade` before `b_hue`): its rows are
    still inserted after the rows they reference, and deleted before them."""
    schema = (
        "CREATE SCHEMA ref;\n"
        "CREATE TABLE ref.b_hue (code text PRIMARY KEY, name text NOT NULL);\n"
        "CREATE TABLE ref.a_shade (code text PRIMARY KEY,"
        " hue text NOT NULL REFERENCES ref.b_hue (code));\n"
    )
    root = make_project(tmp_path, {"ref.sql.j2": schema})
    monkeypatch.chdir(root)
    assert run("render").exit_code == 0
    write(root / "data" / "ref.b_hue.csv", "# key: code\ncode,name\nred,Red\nblue,Blue\n")
    write(root / "data" / "ref.a_shade.csv", "# key: code\ncode,hue\ncrimson,red\nnavy,blue\n")
    url = db_factory(pg)
    rows = [s["sql"] for s in _plan_json(url)["steps"] if s["kind"] == "row"]
    assert rows == [
        "INSERT INTO ref.b_hue (code, name) VALUES ('red', 'Red');",
        "INSERT INTO ref.b_hue (code, name) VALUES ('blue', 'Blue');",
        "INSERT INTO ref.a_shade (code, hue) VALUES ('crimson', 'red');",
        "INSERT INTO ref.a_shade (code, hue) VALUES ('navy', 'blue');",
    ]
    applied = run("apply", "--database-url", url, "--yes")
    assert applied.exit_code == ExitCode.OK, applied.stdout + applied.stderr
    assert _plan_json(url)["steps"] == []
    # blue and navy go: navy first, it references blue
    write(root / "data" / "ref.b_hue.csv", "# key: code\ncode,name\nred,Red\n")
    write(root / "data" / "ref.a_shade.csv", "# key: code\ncode,hue\ncrimson,red\n")
    assert [s["sql"] for s in _plan_json(url)["steps"]] == [
        "DELETE FROM ref.a_shade WHERE code = 'navy';",
        "DELETE FROM ref.b_hue WHERE code = 'blue';",
    ]
    removed = run("apply", "--database-url", url, "--yes", "--allow-hazards", "data-loss")
    assert removed.exit_code == ExitCode.OK, removed.stdout + removed.stderr
