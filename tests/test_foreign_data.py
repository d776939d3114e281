"""Foreign data (wrappers, servers, user mappings, foreign tables) is planned and
applied, and a user mapping's password never reaches any output: plan text, markdown,
JSON, sql, a saved plan, apply's output, the history table, verification differences.
The case folders (`tests/cases/foreign_*`, `postgres_fdw_*`) hold the plans themselves."""

from __future__ import annotations

import json
import secrets

import pytest

from schematool import db
from schematool.diff.gaps.foreign_data import alter_options
from schematool.errors import ExitCode
from schematool.inspect import catalog, comparable
from schematool.inspect.differences import difference_keys, differences
from tests.helpers import run, write

SECRET = "Sup3r-$ecret"
NEW_SECRET = "0ther-$ecret"

_SCHEMA = """
CREATE FOREIGN DATA WRAPPER files;
CREATE SERVER feeds FOREIGN DATA WRAPPER files OPTIONS (root '/srv');
CREATE USER MAPPING FOR PUBLIC SERVER feeds OPTIONS (user 'feeder', password '{0}');
CREATE FOREIGN TABLE ratings (book_id bigint, stars integer) SERVER feeds;
"""


def _folder(tmp_path, secret: str):
    folder = tmp_path / "schema"
    write(folder / "feeds.sql", _SCHEMA.format(secret))
    return folder


def _mapping_options(url: str) -> list[str]:
    with db.connect(url, autocommit=True) as conn:
        row = conn.execute("SELECT umoptions FROM pg_user_mappings WHERE srvname = 'feeds'")
        return row.fetchone()[0]


def _history(url: str) -> str:
    with db.connect(url, autocommit=True) as conn:
        rows = conn.execute("SELECT statements::text, coalesce(error, '') FROM schematool.history")
        return "\n".join(" ".join(row) for row in rows.fetchall())


@pytest.mark.parametrize("output_format", ["text", "markdown", "json", "sql"])
def test_plan_output_masks_the_password_in_every_format(
    output_format, tmp_path, monkeypatch, new_db
):
    monkeypatch.chdir(tmp_path)
    folder = _folder(tmp_path, SECRET)
    result = run(
        "plan", "--format", output_format, "--schema-dir", str(folder), "--database-url", new_db()
    )
    assert result.exit_code == ExitCode.OK, result.output
    assert SECRET not in result.stdout and SECRET not in result.stderr
    assert "CREATE USER MAPPING FOR PUBLIC SERVER feeds" in result.stdout
    if output_format != "json":
        assert "password '***'" in result.stdout
    else:
        step = next(s for s in json.loads(result.stdout)["steps"] if s["kind"] == "user mapping")
        assert step["masked"] is True and "password '***'" in step["sql"]
        assert SECRET not in json.dumps(step)


def test_apply_runs_the_real_password_and_shows_and_records_only_the_mask(
    tmp_path, monkeypatch, new_db
):
    monkeypatch.chdir(tmp_path)
    target = new_db()
    result = run(
        "apply", "--yes", "--schema-dir", str(_folder(tmp_path, SECRET)), "--database-url", target
    )
    assert result.exit_code == ExitCode.OK, result.output
    assert SECRET not in result.output and "password '***'" in result.stdout
    assert _mapping_options(target) == ["user=feeder", f"password={SECRET}"]
    assert SECRET not in _history(target) and "password '***'" in _history(target)
    again = run(
        "plan",
        "--exit-code",
        "--schema-dir",
        str(_folder(tmp_path, SECRET)),
        "--database-url",
        target,
    )
    assert again.exit_code == ExitCode.OK, again.output


def test_a_saved_plan_holds_no_password_and_apply_plans_it_again(tmp_path, monkeypatch, new_db):
    """The plan file keeps the masked statement; apply --plan makes the same plan again
    (with the password) and runs that, after checking it is the same plan."""
    monkeypatch.chdir(tmp_path)
    target = new_db()
    first = run(
        "apply", "--yes", "--schema-dir", str(_folder(tmp_path, SECRET)), "--database-url", target
    )
    assert first.exit_code == ExitCode.OK, first.output
    folder = _folder(tmp_path, NEW_SECRET)
    saved = tmp_path / "plan.json"
    made = run("plan", "--out", str(saved), "--schema-dir", str(folder), "--database-url", target)
    assert made.exit_code == ExitCode.OK, made.output
    text = saved.read_text()
    assert NEW_SECRET not in text and SECRET not in text
    assert "ALTER USER MAPPING FOR PUBLIC SERVER feeds OPTIONS (SET password '***')" in text
    applied = run(
        "apply",
        "--yes",
        "--plan",
        str(saved),
        "--schema-dir",
        str(folder),
        "--database-url",
        target,
    )
    assert applied.exit_code == ExitCode.OK, applied.output
    assert NEW_SECRET not in applied.output
    assert _mapping_options(target) == ["user=feeder", f"password={NEW_SECRET}"]
    assert NEW_SECRET not in _history(target)


def test_a_saved_plan_with_a_password_is_refused_when_planning_again_differs(
    tmp_path, monkeypatch, new_db
):
    monkeypatch.chdir(tmp_path)
    target = new_db()
    folder = _folder(tmp_path, SECRET)
    saved = tmp_path / "plan.json"
    made = run("plan", "--out", str(saved), "--schema-dir", str(folder), "--database-url", target)
    assert made.exit_code == ExitCode.OK, made.output
    with db.connect(target, autocommit=True) as conn:
        conn.execute("CREATE TABLE sneaked_in (id int)")
    applied = run(
        "apply",
        "--yes",
        "--plan",
        str(saved),
        "--schema-dir",
        str(folder),
        "--database-url",
        target,
    )
    assert applied.exit_code != ExitCode.OK
    assert applied.stderr.startswith("error: ") and "Traceback" not in applied.output
    assert SECRET not in applied.output


def test_verification_differences_never_show_a_password():
    have = {"user_mapping": {"for public server s": {"options": [["password", SECRET]]}}}
    want = {"user_mapping": {"for public server s": {"options": [["password", NEW_SECRET]]}}}
    lines = differences(want, have)
    assert lines == ["user mapping for public server s: a secret option value differs (not shown)"]
    keyed = difference_keys(want, have)
    assert [k[3] for k in keyed] == [
        ["user mapping for public server s: options a secret option value differs (not shown)"]
    ]
    other = {
        "user_mapping": {"for public server s": {"options": [["user", "x"], ["password", SECRET]]}}
    }
    shown = "\n".join(differences(other, have))
    assert SECRET not in shown
    assert '["password", "***"]' in shown


def test_options_are_changed_in_place_in_their_order():
    assert alter_options([["a", "1"], ["b", "2"]], [["a", "1"], ["b", "2"]]) == ("", "")
    assert alter_options([["a", "1"]], [["a", "2"], ["c", "3"]])[0] == (
        " OPTIONS (SET a '2', ADD c '3')"
    )
    # b, c kept in place: a is dropped; d added at the end
    assert (
        alter_options([["a", "1"], ["b", "2"], ["c", "3"]], [["b", "2"], ["c", "4"], ["d", "5"]])[0]
        == " OPTIONS (DROP a, SET c '4', ADD d '5')"
    )
    # reordered: the longest start of the wanted order that the current one keeps stays
    assert (
        alter_options([["x", "1"], ["y", "2"], ["z", "3"]], [["y", "2"], ["x", "1"], ["z", "3"]])[0]
        == " OPTIONS (DROP x, DROP z, ADD x '1', ADD z '3')"
    )
    real, shown = alter_options([["password", "a"]], [["password", "b'c"]])
    assert real == " OPTIONS (SET password 'b''c')" and shown == " OPTIONS (SET password '***')"


def test_options_the_applying_role_cannot_read_are_not_compared():
    """pg_user_mappings shows a mapping's options only to its user, the server's owner
    and superusers; where one side could not read them, neither is compared."""
    hidden = {"user": "r", "server": "s", "options_hidden": True}
    seen = {"user": "r", "server": "s", "options": [["password", SECRET]]}
    current = {"user_mapping": {"for r server s": hidden}}
    desired = {"user_mapping": {"for r server s": seen}}
    taken = comparable._hidden_options_taken(current, desired)
    assert differences(desired, taken) == []
    assert current["user_mapping"]["for r server s"] is hidden  # not changed in place
    moved = {"user_mapping": {"for r server t": {"user": "r", "server": "t"}}}
    assert comparable._hidden_options_taken(moved, desired) is moved


def test_a_non_superuser_reads_hidden_options_as_hidden(pg, new_db):
    url = new_db()
    with db.connect(url, autocommit=True) as conn:
        conn.execute(
            "CREATE FOREIGN DATA WRAPPER files; CREATE SERVER feeds FOREIGN DATA WRAPPER files;"
            f" CREATE USER MAPPING FOR case_writer SERVER feeds OPTIONS (password '{SECRET}');"
            " CREATE USER MAPPING FOR PUBLIC SERVER feeds OPTIONS (user 'x')"
        )
        with conn.transaction(force_rollback=True):
            conn.execute("SET LOCAL ROLE case_reader")
            snap = catalog.snapshot(conn, ("schematool",))
        own = catalog.snapshot(conn, ("schematool",))
    mappings = snap["user_mapping"]
    assert mappings["for case_writer server feeds"] == {
        "user": "case_writer",
        "server": "feeds",
        "options_hidden": True,
    }
    assert mappings["for public server feeds"]["options_hidden"] is True
    assert own["user_mapping"]["for case_writer server feeds"]["options"] == [["password", SECRET]]


def test_a_failing_statement_is_reported_with_its_password_masked(pg, new_db, tmp_path):
    """Roles are not schema: one renamed after planning makes the user mapping's CREATE
    fail at apply; the error names the statement, masked, and nothing is changed."""
    from schematool.errors import ApplyError
    from tests import caselib

    role = "fdw_" + secrets.token_hex(4)
    renamed = role + "_later"
    with db.connect(pg.url, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {role}")
    current, desired = new_db(), new_db()
    text = (
        "CREATE FOREIGN DATA WRAPPER files; CREATE SERVER feeds FOREIGN DATA WRAPPER files;"
        f" CREATE USER MAPPING FOR {role} SERVER feeds OPTIONS (password '{SECRET}');"
    )
    try:
        caselib.load_desired(desired, text)
        settings = caselib.settings_for(tmp_path)
        made = caselib.plan_case(settings, current, desired, text)
        with db.connect(pg.url, autocommit=True) as conn:
            conn.execute(f"ALTER ROLE {role} RENAME TO {renamed}")
        with pytest.raises(ApplyError) as raised:
            caselib.apply_case(settings, current, desired, made)
        message = str(raised.value)
        assert "does not exist" in message and "password '***'" in message, message
        assert SECRET not in message
        assert SECRET not in _history(current)
        with db.connect(current, autocommit=True) as conn:
            assert conn.execute("SELECT count(*) FROM pg_foreign_server").fetchone() == (0,)
    finally:
        with db.connect(desired, autocommit=True) as conn:
            conn.execute("DROP SERVER IF EXISTS feeds CASCADE")
        with db.connect(pg.url, autocommit=True) as conn:
            conn.execute(f"DROP ROLE IF EXISTS {role}")
            conn.execute(f"DROP ROLE IF EXISTS {renamed}")
