"""Telling database trouble (unreachable, read-only, locked) from a bug.

Trouble is temporary and not the visitor's fault: it answers 503 with Retry-After, in
the site's design, and logs one line. A bug (a missing column, bad SQL) stays a 500.
"""

from django.db import InterfaceError, InternalError, OperationalError

RETRY_AFTER_SECONDS = 30


def is_database_trouble(exc):
    """True for an unreachable, locked or read-only database.

    OperationalError covers a refused connection (PostgreSQL stopped), SQLite's
    "database is locked" and "attempt to write a readonly database"; PostgreSQL in
    read-only mode raises InternalError from psycopg's ReadOnlySqlTransaction.
    """
    if isinstance(exc, (OperationalError, InterfaceError)):
        return True
    if isinstance(exc, InternalError):
        cause = exc.__cause__
        return type(cause).__name__ == "ReadOnlySqlTransaction" or "read-only" in str(exc)
    return False
