from __future__ import annotations

import pytest

from schematool import db
from schematool.errors import ConfigError, ExitCode
from schematool.project.config import load_settings
from tests.helpers import PYPROJECT, make_project, run, write

ENVIRONMENTS = PYPROJECT + """
[tool.schematool.environments.staging]
url_env = "STAGING_DATABASE_URL"
allow_hazards = ["data-loss"]
lock_timeout = "250ms"
statement_timeout = "30s"
retries = 0

[tool.schematool.environments.production]
url_env = "PRODUCTION_DATABASE_URL"
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    make_project(tmp_path, {"t.sql": "CREATE TABLE t (id int, gone text);\n"}, ENVIRONMENTS)
    run("render")
    return tmp_path


def test_env_picks_its_timeouts_retries_and_allowances(project, monkeypatch):
    monkeypatch.setenv("STAGING_DATABASE_URL", "postgresql://u:p@staging.invalid/db")
    settings = load_settings(env="staging")
    assert settings.database_url.reveal() == "postgresql://u:p@staging.invalid/db"
    assert dict(settings.database_url.session) == {"lock_timeout": "250ms"}  # on every session
    assert (settings.lock_timeout, settings.statement_timeout, settings.retries) == ("250ms", "30s", 0)
    assert settings.allow_hazards == ("data-loss",)
    flags = load_settings(env="staging", lock_timeout="1s", retries=5)
    assert (flags.lock_timeout, flags.retries) == ("1s", 5)
    assert load_settings().lock_timeout == "5s"


def test_env_url_wins_over_database_url_and_must_be_set(project, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p@default.invalid/db")
    with pytest.raises(ConfigError, match=r"reads its database URL from \$PRODUCTION_DATABASE_URL"):
        load_settings(env="production")
    result = run("plan", "--env", "production")
    assert result.exit_code == ExitCode.USAGE
    assert "PRODUCTION_DATABASE_URL" in result.stderr


def test_unknown_environment_is_a_usage_error(project):
    result = run("plan", "--env", "qa")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.strip() == (
        "error: unknown environment 'qa' (pyproject.toml defines: production, staging)"
    )


def test_env_allowances_decide_what_apply_may_do(project, monkeypatch, new_db):
    staging, production = new_db(), new_db()
    monkeypatch.setenv("STAGING_DATABASE_URL", staging)
    monkeypatch.setenv("PRODUCTION_DATABASE_URL", production)
    for env in ("staging", "production"):
        result = run("apply", "--env", env, "--yes")
        assert result.exit_code == 0, result.output
        assert db.mask_url(staging if env == "staging" else production) in result.stdout
    write(project / "templates/t.sql", "CREATE TABLE t (id int);\n")
    run("render")
    assert run("apply", "--env", "production", "--yes").exit_code == ExitCode.REFUSED
    assert run("apply", "--env", "staging", "--yes").exit_code == 0
    assert run("plan", "--env", "staging", "--exit-code").exit_code == 0
    assert run("plan", "--env", "production", "--exit-code").exit_code == ExitCode.CHANGES_PENDING
