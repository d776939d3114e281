"""The embedded local server keeps its port, so URLs copied into a client stay valid."""

from __future__ import annotations

import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from schematool import db
from schematool.project.config import load_settings
from schematool.project.server import LocalServer, embedded_bindir, local_server
from tests.helpers import run


@pytest.fixture
def home() -> Iterator[Path]:
    """A folder for a server of the test's own; not under pytest's basetemp, which
    another pytest run may delete under a running server."""
    root = Path(tempfile.mkdtemp(prefix="schematool-test-local-server-"))
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_the_local_server_listens_on_the_same_port_after_a_restart(home):
    local = LocalServer(root=home / "pg", bindir=embedded_bindir(), fast=True)
    try:
        local.start()
        first = local.port()
        local.stop()
        _linger_on(first)
        local.start()
        assert local.port() == first
        with db.connect(local.url(), autocommit=True) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
    finally:
        local.stop()


def _linger_on(port: int) -> None:
    """Leave a connection in TIME_WAIT on the port's side, as a server that stopped while
    clients were connected does (it closes their connections first)."""
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen()
        with socket.create_connection(("127.0.0.1", port)) as client:
            accepted, _ = listener.accept()
            accepted.close()  # the server's side closes first: its side lingers
            client.recv(1)  # the server's close has arrived
    with socket.socket() as plain:  # what the lingering connection does to a plain bind
        with pytest.raises(OSError):
            plain.bind(("127.0.0.1", port))


def test_db_url_of_a_stopped_server_starts_it_and_a_taken_port_gets_another_with_a_note(
    home, monkeypatch
):
    monkeypatch.chdir(home)
    (home / "pyproject.toml").write_text("[tool.schematool]\n")
    local = local_server(load_settings(home, connect=False))
    try:
        started = run("db", "start")
        assert started.exit_code == 0, started.output
        stored = local.port()
        assert run("db", "stop").exit_code == 0
        with socket.socket() as squatter:  # another program took the port meanwhile
            # as a server binds: the stop may leave connections in TIME_WAIT on the port,
            # which a listening socket may bind over (Linux still refuses a second listener)
            squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            squatter.bind(("127.0.0.1", stored))
            squatter.listen()
            printed = run("db", "url")
        assert printed.exit_code == 0, printed.output
        moved = local.port()
        assert moved != stored
        assert printed.stdout == f"{db.mask_url(local.url('local'))}\n"  # the URL alone
        notes = printed.stderr.splitlines()
        assert notes[0].startswith("note: the local server was not running: starting it")
        assert notes[1].startswith(f"note: port {stored} of the local server is taken:")
        assert f"now listens on {moved}" in notes[1]
        assert len(notes) == 2
        assert run("db", "stop").exit_code == 0
        again = run("db", "url")  # the new port is the stored one now
        assert again.exit_code == 0, again.output
        assert local.port() == moved
        assert again.stdout == printed.stdout
        assert "is taken" not in again.stderr
        running = run("db", "url")  # a running server: the URL and nothing else
        assert (running.stdout, running.stderr) == (printed.stdout, "")
    finally:
        local.stop()


def test_test_servers_keep_their_data_in_memory_where_there_is_room(tmp_path, monkeypatch):
    """conftest.server_home: SCHEMATOOL_TEST_SERVER_DIR first, then /dev/shm with 4 GiB
    free, else the system's temp folder."""
    from tests import conftest

    monkeypatch.setenv("SCHEMATOOL_TEST_SERVER_DIR", str(tmp_path / "given"))
    chosen = conftest.server_home("x-")
    assert chosen.parent == tmp_path / "given" and chosen.name.startswith("x-")
    monkeypatch.delenv("SCHEMATOOL_TEST_SERVER_DIR")
    monkeypatch.setattr(conftest, "MEMORY_DIR", tmp_path)
    monkeypatch.setattr(conftest, "MEMORY_NEEDED", 1)
    assert conftest.server_home("y-").parent == tmp_path
    monkeypatch.setattr(conftest, "MEMORY_NEEDED", shutil.disk_usage(tmp_path).free * 2)
    assert conftest.server_home("z-").parent == Path(tempfile.gettempdir())
    monkeypatch.setattr(conftest, "MEMORY_DIR", tmp_path / "missing")
    assert conftest.server_home("w-").parent == Path(tempfile.gettempdir())
