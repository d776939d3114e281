"""Connections and URLs: the one place that turns a URL into a psycopg connection.

Every URL that reaches output goes through `mask_url`; every connection error is turned
into a one-line `ConnectionFailed` that names the (masked) URL and the cause.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import psycopg

from schematool.errors import ConnectionFailed

_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


def normalize_url(url: str) -> str:
    """Accept postgres://, postgresql:// and SQLAlchemy's postgresql+psycopg:// spellings."""
    parts = urlsplit(url)
    if parts.scheme not in _SCHEMES or not (parts.netloc or parts.query):
        raise ConnectionFailed(f"not a PostgreSQL URL: {mask_url(url)}")
    return urlunsplit(parts._replace(scheme="postgresql"))


def mask_url(url: str) -> str:
    """The URL with its password replaced by ***, safe to print (alembic's obfuscate_url_pw)."""
    parts = urlsplit(url)
    if parts.password is None:
        return re.sub(r"(password=)[^&\s]*", r"\1***", url)
    userinfo, _, hostinfo = parts.netloc.rpartition("@")
    user = userinfo.split(":", 1)[0]
    masked = urlunsplit(parts._replace(netloc=f"{user}:***@{hostinfo}"))
    return re.sub(r"(password=)[^&\s]*", r"\1***", masked)


def password_of(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.password is not None:
        return unquote(parts.password)
    match = re.search(r"password=([^&\s]*)", parts.query)
    return unquote(match.group(1)) if match else None


def redact(text: str, *urls: str) -> str:
    """Remove every password of `urls` (and any URL-shaped password) from `text`."""
    for url in urls:
        secret = password_of(url)
        if secret:
            text = text.replace(secret, "***")
            text = text.replace(quote(secret, safe=""), "***")
    return re.sub(r"(postgres(?:ql)?(?:\+psycopg)?://[^:/@\s]*:)[^@\s]*@", r"\1***@", text)


def database_of(url: str) -> str:
    path = urlsplit(url).path.lstrip("/")
    return unquote(path) if path else "postgres"


_LOOPBACK = {"localhost", "127.0.0.1", "::1"}


def is_local(url: str) -> bool:
    """Whether the URL names a server on this machine (loopback or a Unix socket)."""
    parts = urlsplit(url)
    hosts = [parts.hostname or ""]
    match = re.search(r"(?:^|&)host=([^&]*)", parts.query)
    if match:
        hosts = unquote(match.group(1)).split(",")
    return all(host in _LOOPBACK or host == "" or host.startswith("/") for host in hosts)


def with_database(url: str, dbname: str) -> str:
    """The same server and credentials, another database."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + quote(dbname, safe="")))


def connect(url: str, *, autocommit: bool = False, application_name: str = "schematool"):
    """Open a psycopg connection, or raise a one-line ConnectionFailed without the password."""
    url = normalize_url(url)
    try:
        return psycopg.connect(
            url, autocommit=autocommit, application_name=application_name, connect_timeout=10
        )
    except psycopg.Error as error:
        reason = redact(_connection_reason(error), url)
        raise ConnectionFailed(f"cannot connect to {mask_url(url)}: {reason}") from None


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


def server_version(conn: psycopg.Connection) -> int:
    """The server's major version (15, 18, ...)."""
    return conn.info.server_version // 10000
