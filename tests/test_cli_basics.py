from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from schematool import __version__, hazard_kinds
from schematool.cli import app
from schematool.errors import ExitCode
from tests.helpers import run

COMMANDS = [["render"], ["plan"], ["apply"], ["erd"], ["dump"], ["clean"], ["history"], ["db"],
            ["db", "start"], ["db", "stop"], ["db", "status"], ["db", "url"],
            ["report"], ["report", "merge"]]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_text(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.stdout
    summary = [line for line in result.stdout.splitlines()[1:] if line.strip()][0]
    assert len(summary.strip()) > 10


def test_version():
    result = run("--version")
    assert result.stdout.strip() == f"schematool {__version__}"


def test_unknown_option_is_a_one_line_usage_error():
    result = run("plan", "--no-such-option")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith("error: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_duration_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("apply", "--lock-timeout", "soon")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.strip() == (
        "error: --lock-timeout: bad duration 'soon': use a number with ms, s, min or h, e.g. 5s"
    )


def test_unreachable_server_is_a_one_line_error_without_traceback(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "t.sql").write_text("CREATE TABLE t (id int);\n")
    result = run(
        "plan", "--schema-dir", "schema", "--database-url", "postgresql://u:pw-secret@127.0.0.1:1/db"
    )
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr.startswith("error: cannot connect to postgresql://u:***@127.0.0.1:1/db: ")
    assert "pw-secret" not in result.output and "Traceback" not in result.output


def test_installed_entry_point_runs():
    exe = shutil.which("schematool", path=str(Path(sys.executable).parent))
    assert exe, "the schematool console script is not installed next to this Python"
    done = subprocess.run([exe, "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.strip() == f"schematool {__version__}"
    module = subprocess.run([sys.executable, "-m", "schematool", "--help"], capture_output=True, text=True)
    assert module.returncode == 0 and "render" in module.stdout


def _command_reference_script():
    import importlib.util

    from tests.conftest import ROOT

    spec = importlib.util.spec_from_file_location("command_reference", ROOT / "scripts" / "command_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_commands_page_table_and_command_reference_match_help():
    """`scripts/command_reference.py --check`, as CI runs it (through this test)."""
    from tests.conftest import ROOT

    page = (ROOT / "docs" / "commands.md").read_text()
    assert _command_reference_script().stale(page) == [], "run: python scripts/command_reference.py"


def test_command_reference_check_finds_a_commands_table_that_lacks_an_option():
    from tests.conftest import ROOT

    script = _command_reference_script()
    page = (ROOT / "docs" / "commands.md").read_text()
    assert " [--online\\|--no-online]" in page
    assert script.stale(page.replace(" [--online\\|--no-online]", "", 1)) == ["commands table"]
    assert script.main(["--check"]) == 0


def test_allow_hazards_completes_the_hazard_names():
    def complete(words: str) -> list[str]:
        env = {"_SCHEMATOOL_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": "3"}
        result = CliRunner().invoke(app, [], prog_name="schematool", env=env)
        assert result.exit_code == 0, result.output
        return result.stdout.split()

    assert complete("schematool apply --allow-hazards ") == [*hazard_kinds.KINDS, "all"]
    assert complete("schematool apply --allow-hazards da") == ["data-loss"]


def test_db_status_exits_with_its_own_code_unless_the_server_runs(monkeypatch):
    from schematool.project import server
    from schematool.project.config import load_settings

    # not under pytest's basetemp, which another pytest run may delete under a server
    root = Path(tempfile.mkdtemp(prefix="schematool-test-db-status-"))
    monkeypatch.chdir(root)
    (root / "pyproject.toml").write_text("[tool.schematool]\n")
    try:
        missing = run("db", "status")
        assert missing.exit_code == ExitCode.NOT_RUNNING == 8
        assert "not created" in missing.stdout
        local = server.local_server(load_settings(root, connect=False))
        local.start()
        try:
            running = run("db", "status")
            assert running.exit_code == ExitCode.OK, running.output
            assert "running PostgreSQL" in running.stdout
        finally:
            local.stop()
        stopped = run("db", "status")
        assert stopped.exit_code == ExitCode.NOT_RUNNING
        assert "local server: stopped" in stopped.stdout
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_db_commands_outside_a_project_create_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for command in (["db", "start"], ["db", "url"], ["db", "status"], ["render"]):
        result = run(*command)
        assert result.exit_code == ExitCode.USAGE, result.output
        assert result.stderr.startswith("error: no [tool.schematool] table in a pyproject.toml")
    assert list(tmp_path.iterdir()) == []


def test_command_reference_names_the_command_as_its_help_does():
    """The reference once printed `Usage: root ...`; the installed command says
    `schematool`, and so must every usage line of the reference."""
    from tests.conftest import ROOT

    page = (ROOT / "docs" / "commands.md").read_text()
    usages = [line for line in page.splitlines() if line.startswith("Usage: ")]
    assert len(usages) >= 12
    assert all(line.startswith("Usage: schematool ") for line in usages), usages
    installed = Path(sys.executable).parent / "schematool"
    done = subprocess.run([str(installed), "plan", "--help"], capture_output=True, text=True)
    assert done.stdout.splitlines()[0] in usages


def _commands_table() -> dict[str, str]:
    """The commands table of docs/commands.md: each row's usage cell by its command
    (`plan`, `db url`), its markdown escapes undone."""
    import re

    from tests.conftest import ROOT

    page = (ROOT / "docs" / "commands.md").read_text()
    section = page.split("<!-- commands table:", 1)[1].split("<!-- commands table: end -->", 1)[0]
    rows = {}
    for line in section.splitlines():
        usage = re.match(r"\| `schematool ([^`]*)` \|", line)
        if usage:
            cell = usage.group(1).replace("\\|", "|")
            rows[cell.split(" [", 1)[0]] = cell
    return rows


def _help_options(command: list[str]) -> list[str]:
    """Every long option `--help` lists for a command (both names of an on/off pair)."""
    import re

    text = run(*command, "--help").stdout.split("\nOptions:\n", 1)[1]
    names = re.findall(r"^\s+(?:-\w, )?(--[\w-]+)(?: / (--[\w-]+))?", text, re.MULTILINE)
    return [name for pair in names for name in pair if name and name != "--help"]


@pytest.mark.parametrize(
    "command", [c for c in COMMANDS if c not in (["db"], ["report"])], ids=" ".join
)
def test_commands_table_lists_every_option_help_lists(command):
    """The table once lacked options `--help` had (plan's --online, erd's --database-url):
    it is generated from the same app now, and this reads it as a user would."""
    import re

    table = _commands_table()
    assert " ".join(command) in table, f"no row for {' '.join(command)} in the commands table"
    row = table[" ".join(command)]
    missing = [
        name for name in _help_options(command)
        if not re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", row)
    ]
    assert not missing, f"the commands table's row for {' '.join(command)} lacks {missing}"


def test_docs_give_the_suite_s_size_and_time_as_estimates():
    """An exact count and time ('1,197 tests in 6 min 39 s') went stale with the next
    test added; the docs (and the README's quick start) say 'about'."""
    import re

    from tests.conftest import ROOT

    development = (ROOT / "docs" / "development.md").read_text()
    tests_section = development.split("\n## Tests\n", 1)[1].split("\n## ", 1)[0]
    tests_section += (ROOT / "README.md").read_text().split("\n## Quick start\n", 1)[1].split("\n## ", 1)[0]
    text = " ".join(tests_section.split())
    counts = re.findall(r"(\S+ )?[\d,]+ tests\b(?!/)", text)
    assert counts and all(before == "about " for before in counts), counts
    assert not re.search(r"\d+ min \d+ s", text), "a run's exact time goes stale: say about"


URL_COMMANDS = [["plan"], ["apply", "--yes"], ["erd"], ["dump"], ["history"], ["clean"]]


@pytest.mark.parametrize("command", URL_COMMANDS, ids=" ".join)
def test_an_empty_database_url_flag_is_a_usage_error_for_every_command(
    tmp_path, monkeypatch, command
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.schematool]\n")
    # what an empty flag used to fall back to (then the local server)
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:pw@127.0.0.1:1/elsewhere")
    result = run(*command, "--database-url", "")
    assert result.exit_code == ExitCode.USAGE, result.output
    assert result.stderr.startswith("error: --database-url is empty"), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""
    assert not (tmp_path / ".schematool").exists()


@pytest.mark.parametrize("value", ["", "  "], ids=["empty", "blank"])
@pytest.mark.parametrize("command", URL_COMMANDS, ids=" ".join)
def test_an_empty_database_url_variable_is_a_usage_error_for_every_command(
    tmp_path, monkeypatch, command, value
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.schematool]\n")
    monkeypatch.setenv("DATABASE_URL", value)
    result = run(*command)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert result.stderr.strip() == (
        "error: $DATABASE_URL is set but empty: give it the database's URL, or unset it to"
        " use the local server"
    )
    assert not (tmp_path / ".schematool").exists()  # the local server was not started


def test_an_empty_url_variable_of_an_environment_is_told_apart_from_an_unset_one(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.schematool.environments.prod]\nurl_env = "PROD_URL"\n'
    )
    monkeypatch.setenv("PROD_URL", "")
    empty = run("plan", "--env", "prod")
    monkeypatch.delenv("PROD_URL")
    unset = run("plan", "--env", "prod")
    assert [empty.exit_code, unset.exit_code] == [ExitCode.USAGE, ExitCode.USAGE]
    assert empty.stderr.strip().endswith("$PROD_URL, which is set but empty")
    assert unset.stderr.strip().endswith("$PROD_URL, which is not set")


def test_an_empty_scratch_url_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.schematool]\n")
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:pw@127.0.0.1:1/elsewhere")
    result = run("plan", "--scratch-url", " ")
    assert result.exit_code == ExitCode.USAGE, result.output
    assert result.stderr.startswith("error: --scratch-url is empty"), result.stderr
