"""Database-wide locks for the few things that must not run twice at once.

PostgreSQL: advisory locks (no table, released with the transaction or the session).
SQLite needs none inside a transaction (IMMEDIATE transactions already serialise writers),
and a lock file beside the database for what runs outside one (migrations).
"""

from __future__ import annotations

import fcntl
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

# Locks this thread holds already: taking one again (prepare_database's migrate calls the
# migrate command, which takes it too) must not wait on itself (flock would, forever).
_held = threading.local()


def _key(name: str) -> int:
    return zlib.crc32(f"whichmovie:{name}".encode())


def transaction_lock(name: str) -> None:
    """Hold `name` until the current transaction ends (call inside transaction.atomic)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_key(name)])


@contextmanager
def database_lock(name: str) -> Iterator[None]:
    """Hold `name` across transactions, for every process using this database."""
    held: set[str] = _held.__dict__.setdefault("names", set())
    if name in held:
        yield
        return
    held.add(name)
    try:
        with _database_lock(name):
            yield
    finally:
        held.discard(name)


@contextmanager
def _database_lock(name: str) -> Iterator[None]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [_key(name)])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_key(name)])
        return
    database = str(connection.settings_dict["NAME"])
    if connection.vendor != "sqlite" or database == ":memory:" or "mode=memory" in database:
        yield
        return
    path = Path(f"{database}.{name}.lock")
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
