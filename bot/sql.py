"""What the project's SQL stores share: a tuned engine, aware UTC times, and schema creation."""
import logging
import sqlite3
import time
from datetime import datetime, timezone

from sqlalchemy import DateTime, MetaData, create_engine, event, exc, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.types import TypeDecorator

logger = logging.getLogger(__name__)
SQLITE_BUSY_TIMEOUT_MS = 30_000
WAL_SWITCH_ATTEMPTS = 40


def as_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("stored times must be timezone-aware")
    return moment.astimezone(timezone.utc)


class UtcDateTime(TypeDecorator):
    """Aware UTC datetimes in and out; SQLite keeps them as naive UTC text, which still sorts correctly."""
    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        value = as_utc(value)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def engine_with_schema(url: str, metadata: MetaData) -> Engine:
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _tune_sqlite)
    try:
        metadata.create_all(engine)
    except exc.DBAPIError:
        # Another process starting at the same moment may have created the tables first.
        if not all(inspect(engine).has_table(table.name) for table in metadata.sorted_tables):
            raise
    return engine


def _tune_sqlite(dbapi_connection, _record) -> None:
    # WAL lets readers run beside a writer; the busy timeout makes writers in other processes wait
    # for the lock instead of failing with "database is locked".
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
    if mode.lower() != "wal":
        mode = _switch_to_wal(cursor)
    cursor.close()
    if mode.lower() != "wal":
        logger.warning("SQLite kept journal mode %s instead of WAL", mode)


def _switch_to_wal(cursor) -> str:
    """Switching a new file to WAL needs it to itself, and SQLite answers "database is locked" at once
    (the busy timeout does not apply) when another process opens it at the same moment: try again.
    The mode is kept in the file, so once one process has switched, the others find it so."""
    for attempt in range(WAL_SWITCH_ATTEMPTS):
        try:
            return cursor.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or attempt == WAL_SWITCH_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")
