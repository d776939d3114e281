"""Database addresses and connections: the one place that turns an address into a psycopg
connection.

An address (a `postgresql://` URL or a libpq `key=value` string) is parsed once, where it
enters (settings, the local server), into an `Address`: libpq's own parser
(`psycopg.conninfo`) reads it, so schematool connects to exactly what psql would. Its
printed form (`str`, `repr`, f-strings) is always a URL with the password replaced by
`***`; only `conninfo()` (handed to libpq) and `reveal()` (handed to a child process or
`db url --reveal`) carry the password. An address libpq cannot read, or one whose
password holds a character URLs reserve, is refused without echoing the password.
Every connection error is a one-line `ConnectionFailed` naming the masked address.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, unquote

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from schematool.errors import ConnectionFailed

_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
_MASK = "***"
# characters that end a URL's user name or password early when written raw: libpq (and
# psql) would read the rest as the host, port or database, and print it in errors
_RESERVED_IN_USERINFO = "/?@"


@dataclass(frozen=True, repr=False)
class Address:
    """Where a database is and how to log in: libpq connection parameters.

    `session` holds settings (`lock_timeout`, ...) set on every connection made from this
    address; they are schematool's, so the printed form leaves them out."""

    params: tuple[tuple[str, str], ...]
    session: tuple[tuple[str, str], ...] = ()

    def get(self, key: str) -> str | None:
        return dict(self.params).get(key)

    @property
    def password(self) -> str | None:
        return self.get("password")

    @property
    def user(self) -> str | None:
        return self.get("user")

    @property
    def database(self) -> str:
        """The database's name (libpq's default, the user's name, when none is given)."""
        return self.get("dbname") or self.get("user") or "postgres"

    def with_database(self, name: str) -> Address:
        """The same server, credentials and session settings; another database."""
        params = dict(self.params)
        params["dbname"] = name
        return Address(tuple(params.items()), self.session)

    def with_session(self, **settings: str) -> Address:
        """The address whose connections run `SET name = value` for each setting."""
        merged = {**dict(self.session), **settings}
        return Address(self.params, tuple(merged.items()))

    @property
    def is_local(self) -> bool:
        """Whether the server is on this machine (loopback or a Unix socket)."""
        hosts = (self.get("host") or "").split(",")
        return all(host in _LOOPBACK or host == "" or host.startswith("/") for host in hosts)

    def conninfo(self) -> str:
        """The libpq connection string, password included: for libpq only, never printed."""
        return make_conninfo("", **dict(self.params))

    def reveal(self) -> str:
        """The address as a URL with its password: for a child process or `--reveal`."""
        return _url(dict(self.params), None)

    def redact(self, text: str) -> str:
        """`text` with this address's password (as written raw or percent-encoded) masked."""
        secret = self.password
        if not secret:
            return text
        for form in sorted({secret, quote(secret, safe=""), quote(secret)}, key=len, reverse=True):
            text = text.replace(form, _MASK)
        return text

    def __str__(self) -> str:
        return _url(dict(self.params), _MASK)

    def __repr__(self) -> str:
        return f"Address({str(self)!r})"


_LOOPBACK = {"localhost", "127.0.0.1", "::1"}

Url = str | Address  # what the connection helpers accept: an address, or text to parse


def address(value: Url) -> Address:
    """Parse a URL (postgresql://, postgres://, SQLAlchemy's postgresql+psycopg://) or a
    libpq key=value string; an Address is returned as it is. Raises ConnectionFailed,
    whose message never holds the password."""
    if isinstance(value, Address):
        return value
    text = value.strip()
    if "://" in text:
        return _parse_url(text)
    if "=" not in text:
        raise ConnectionFailed(
            "not a PostgreSQL URL (postgresql://user:password@host:port/database)"
            " or key=value connection string"
        )
    try:
        params = conninfo_to_dict(text)
    except psycopg.ProgrammingError as error:
        # nothing of the string is shown: which part is the password is what failed
        reason = _scrub(_first_line(error), [text])
        raise ConnectionFailed(f"cannot read the connection string: {reason}") from None
    return _address(params)


def _parse_url(text: str) -> Address:
    scheme, rest = text.split("://", 1)
    if scheme.lower() not in _SCHEMES:
        raise ConnectionFailed(f"not a PostgreSQL URL: {_mask_raw(text)}")
    userinfo = rest[: rest.rfind("@")] if "@" in rest else ""
    if any(ch in userinfo for ch in _RESERVED_IN_USERINFO):
        raise ConnectionFailed(
            f"cannot read the URL {_mask_raw(text)}: its user name or password holds a"
            " character URLs reserve (@, / or ?); percent-encode it (@ as %40, / as %2F,"
            " ? as %3F, # as %23) or give a key=value connection string"
        )
    try:
        params = conninfo_to_dict("postgresql://" + rest)
    except psycopg.ProgrammingError as error:
        secret = userinfo.partition(":")[2]
        reason = _scrub(_first_line(error), [secret, unquote(secret)])
        raise ConnectionFailed(f"cannot read the URL {_mask_raw(text)}: {reason}") from None
    return _address(params)


def _address(params: dict[str, object]) -> Address:
    return Address(tuple((key, str(value)) for key, value in params.items() if value is not None))


def _first_line(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


def _scrub(message: str, secrets: Iterable[str]) -> str:
    """libpq's message with every quoted fragment that overlaps a secret masked."""
    secrets = [s for s in secrets if s]
    parts = message.split('"')
    for i in range(1, len(parts), 2):  # the odd parts stood between quotes
        fragment = parts[i]
        if any(s in fragment or fragment in s for s in secrets) or not secrets:
            parts[i] = "..."
    return '"'.join(parts)


def _mask_raw(text: str) -> str:
    """A URL that could not be read, shown with everything that may be its password
    masked: between the user name and the last '@', and any password= parameter."""
    scheme, _, rest = text.partition("://")
    if "@" in rest:
        at = rest.rfind("@")
        user, colon, _ = rest[:at].partition(":")
        rest = f"{user}{':' + _MASK if colon else ''}@{rest[at + 1 :]}"
    base, question, query = rest.partition("?")
    if question:
        fields = []
        for field in query.split("&"):
            key, equals, _ = field.partition("=")
            fields.append(f"{key}={_MASK}" if equals and key == "password" else field)
        rest = base + "?" + "&".join(fields)
    return f"{scheme}://{rest}"


def _url(params: dict[str, str], secret: str | None) -> str:
    """A postgresql:// URL of `params`; the password as `secret` (None: the real one,
    percent-encoded)."""
    user, password = params.pop("user", None), params.pop("password", None)
    host, port = params.pop("host", None), params.pop("port", None)
    dbname = params.pop("dbname", None)
    userinfo = ""
    if user is not None or password is not None:
        userinfo = quote(user or "", safe="")
        if password is not None:
            userinfo += ":" + (quote(password, safe="") if secret is None else secret)
        userinfo += "@"
    netloc = ""
    if host and "/" not in host:  # TCP hosts in the URL; a socket folder goes in the query
        hosts, ports = host.split(","), (port or "").split(",")
        if len(ports) == 1:
            ports = ports * len(hosts)
        if len(ports) == len(hosts):
            netloc = ",".join(
                (f"[{h}]" if ":" in h else h) + (f":{p}" if p else "")
                for h, p in zip(hosts, ports, strict=True)
            )
            port = None
        else:
            netloc = ",".join(f"[{h}]" if ":" in h else h for h in hosts)
    elif host:
        params["host"] = host
    if port:
        params["port"] = port
    path = "/" + quote(dbname, safe="") if dbname is not None else ""
    query = "&".join(f"{key}={quote(value, safe='/,')}" for key, value in params.items())
    return f"postgresql://{userinfo}{netloc}{path}" + (f"?{query}" if query else "")


# -- helpers taking an address or its text (tests and scripts pass URLs as text) ----------


def mask_url(url: Url) -> str:
    """The address with its password replaced by ***, safe to print; text that is not an
    address is masked as well as can be (alembic's obfuscate_url_pw)."""
    try:
        return str(address(url))
    except ConnectionFailed:
        return _mask_raw(str(url)) if "://" in str(url) else "(unreadable connection string)"


def normalize_url(url: Url) -> str:
    """The address as a postgresql:// URL, password included (for a child process)."""
    return address(url).reveal()


def password_of(url: Url) -> str | None:
    return address(url).password


def redact(text: str, *urls: Url) -> str:
    """`text` with the password of every address in `urls` masked."""
    for url in urls:
        try:
            text = address(url).redact(text)
        except ConnectionFailed:
            continue
    return text


def database_of(url: Url) -> str:
    return address(url).database


def is_local(url: Url) -> bool:
    """Whether the address names a server on this machine (loopback or a Unix socket)."""
    return address(url).is_local


def with_database(url: Url, dbname: str) -> str:
    """The same server and credentials, another database, as a URL (for tests and
    scripts; core code uses Address.with_database)."""
    return address(url).with_database(dbname).reveal()


def connect(url: Url, *, autocommit: bool = False, application_name: str = "schematool"):
    """Open a psycopg connection with the address's session settings, or raise a one-line
    ConnectionFailed without the password."""
    target = address(url)
    options = {"application_name": application_name}
    if target.get("connect_timeout") is None:
        options["connect_timeout"] = "10"
    try:
        conn = psycopg.connect(target.conninfo(), autocommit=True, **options)
    except psycopg.Error as error:
        reason = target.redact(_connection_reason(error))
        raise ConnectionFailed(f"cannot connect to {target}: {reason}") from None
    try:
        # set while in autocommit, so that no transaction's rollback undoes it
        for name, value in target.session:
            conn.execute("SELECT set_config(%s, %s, false)", (name, value))
        conn.autocommit = autocommit
    except BaseException:
        conn.close()
        raise
    return conn


def _connection_reason(error: psycopg.Error) -> str:
    lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
    # libpq repeats 'connection to server at "h" (addr), port p failed: <why>' per address;
    # the cause is what follows the last 'failed:'.
    for line in reversed(lines):
        if "failed:" in line:
            tail = line.rsplit("failed:", 1)[1].strip()
            if tail:
                return tail.removeprefix("FATAL:  ").removeprefix("FATAL: ")
        elif line.startswith("FATAL"):
            return line.split(":", 1)[1].strip()
    return lines[-1] if lines else type(error).__name__


@dataclass(frozen=True)
class DatabaseIdentity:
    """Which database this is, whatever address reaches it (a pipeline and a laptop use
    different URLs for one database): the server's system identifier, set when its data
    directory was made and shared only by its physical replicas, and the database's
    name and oid. A saved plan records the one it was made for."""

    system_identifier: str | None  # None: this role may not read it (pg_control_system)
    name: str
    oid: int

    def __str__(self) -> str:
        server = self.system_identifier or "(its system identifier not readable)"
        return f"database {self.name} (oid {self.oid}) on server {server}"

    def matches(self, other: DatabaseIdentity) -> bool:
        """The same database, as far as both sides could read: the system identifiers
        are compared when both are known, the name and oid always."""
        known = self.system_identifier is not None and other.system_identifier is not None
        return (self.name, self.oid) == (other.name, other.oid) and (
            not known or self.system_identifier == other.system_identifier
        )


def database_identity(conn: psycopg.Connection) -> DatabaseIdentity:
    """The identity of the database `conn` is connected to. pg_control_system() is
    executable by PUBLIC unless an administrator revoked it; its privilege is asked
    first, so that a role without it leaves no failed statement in the caller's
    transaction, and gets the name and oid only. Read in a transaction (a savepoint in
    one) rolled back, so the session is left as it was found."""
    with conn.transaction(force_rollback=True):
        name, oid, readable = conn.execute(
            "SELECT d.datname, d.oid::bigint, coalesce(has_function_privilege("
            " to_regprocedure('pg_catalog.pg_control_system()'), 'EXECUTE'), false)"
            " FROM pg_database d WHERE d.datname = current_database()"
        ).fetchone()
        system_identifier = None
        if readable:
            (system_identifier,) = conn.execute(
                "SELECT system_identifier::text FROM pg_control_system()"
            ).fetchone()
    return DatabaseIdentity(system_identifier, name, int(oid))


def server_version(conn: psycopg.Connection) -> int:
    """The server's major version (15, 18, ...)."""
    return conn.info.server_version // 10000
