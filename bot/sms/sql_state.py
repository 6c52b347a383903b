"""SMS state in a SQL database (SQLAlchemy Core 1.4): SQLite by default, PostgreSQL by URL.

Every write is a single write-only transaction (no read before the write), so SQLite writers in other
processes queue on the busy timeout instead of failing, and uniqueness comes from primary keys.
"""
import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import List, Optional

from sqlalchemy import Column, Index, MetaData, String, Table, Text, and_, exc, select
from sqlalchemy.engine import make_url

from bot.sms.state import OPTIONS_TTL, REPLY_TTL, SmsState, as_utc, number_key
from bot.sql import UtcDateTime, engine_with_schema

KEY_LENGTH = 64  # sha256 hex


metadata = MetaData()
opt_outs = Table(
    "sms_opt_outs", metadata,
    Column("number_key", String(KEY_LENGTH), primary_key=True),
    Column("opted_out_at", UtcDateTime, nullable=False),
)
offered_options = Table(
    "sms_options", metadata,
    Column("number_key", String(KEY_LENGTH), primary_key=True),
    Column("payloads", Text, nullable=False),  # a JSON list of strings
    Column("expires_at", UtcDateTime, nullable=False),
    Index("ix_sms_options_expires_at", "expires_at"),
)
deliveries = Table(
    "sms_deliveries", metadata,
    Column("message_sid", String(64), primary_key=True),
    Column("number_key", String(KEY_LENGTH), nullable=False),
    Column("reply", Text, nullable=True),  # NULL while the first delivery is being processed
    Column("expires_at", UtcDateTime, nullable=False),
    Index("ix_sms_deliveries_number_key", "number_key"),
    Index("ix_sms_deliveries_expires_at", "expires_at"),
)
flags = Table(
    "sms_flags", metadata,
    Column("number_key", String(KEY_LENGTH), primary_key=True),
    Column("name", String(64), primary_key=True),
    Column("set_at", UtcDateTime, nullable=False),
)


class SqlSmsState(SmsState):
    def __init__(self, url: str, options_ttl: timedelta = OPTIONS_TTL, reply_ttl: timedelta = REPLY_TTL):
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            if parsed.database in (None, "", ":memory:"):
                raise ValueError("SMS state needs a SQLite file: each connection to :memory: is a separate database")
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        self._options_ttl = options_ttl
        self._reply_ttl = reply_ttl
        self._engine = engine_with_schema(url, metadata)

    def opt_out(self, number: str, now: datetime) -> bool:
        return self._insert_once(opt_outs.insert().values(number_key=number_key(number), opted_out_at=as_utc(now)))

    def opt_in(self, number: str) -> bool:
        return self._delete(opt_outs, opt_outs.c.number_key == number_key(number)) > 0

    def is_opted_out(self, number: str) -> bool:
        query = select(opt_outs.c.number_key).where(opt_outs.c.number_key == number_key(number))
        return self._first(query) is not None

    def remember_options(self, number: str, payloads: List[str], now: datetime) -> None:
        key, now = number_key(number), as_utc(now)
        stored = json.dumps([str(payload) for payload in payloads])
        for attempt in range(2):
            try:
                with self._engine.begin() as conn:
                    conn.execute(offered_options.delete().where(
                        (offered_options.c.number_key == key) | (offered_options.c.expires_at <= now)))
                    if payloads:
                        conn.execute(offered_options.insert().values(
                            number_key=key, payloads=stored, expires_at=now + self._options_ttl))
                return
            except exc.IntegrityError:
                # Only where writers do not queue (PostgreSQL): another message from the number won the
                # insert; deleting and inserting again makes these options the latest.
                if attempt:
                    raise

    def options(self, number: str, now: datetime) -> List[str]:
        stored = self._first(select(offered_options.c.payloads).where(
            offered_options.c.number_key == number_key(number), offered_options.c.expires_at > as_utc(now)))
        return json.loads(stored) if stored is not None else []

    def claim(self, message_sid: str, number: str, now: datetime) -> bool:
        now = as_utc(now)
        try:
            with self._engine.begin() as conn:
                # Lazy purge, which also frees this sid if its earlier claim has expired.
                conn.execute(deliveries.delete().where(deliveries.c.expires_at <= now))
                conn.execute(deliveries.insert().values(
                    message_sid=message_sid, number_key=number_key(number), expires_at=now + self._reply_ttl))
            return True
        except exc.IntegrityError:
            return False

    def save_reply(self, message_sid: str, number: str, reply: str, now: datetime) -> None:
        values = dict(number_key=number_key(number), reply=reply, expires_at=as_utc(now) + self._reply_ttl)
        with self._engine.begin() as conn:
            updated = conn.execute(deliveries.update().where(deliveries.c.message_sid == message_sid).values(**values))
        if updated.rowcount == 0:
            # The claim is gone (expired, or the number was forgotten meanwhile): keep the reply anyway.
            self._insert_once(deliveries.insert().values(message_sid=message_sid, **values))

    def reply(self, message_sid: str, now: datetime) -> Optional[str]:
        return self._first(select(deliveries.c.reply).where(
            deliveries.c.message_sid == message_sid, deliveries.c.expires_at > as_utc(now)))

    def set_flag(self, number: str, name: str, value: bool, now: datetime) -> None:
        key, now = number_key(number), as_utc(now)
        if value:
            self._insert_once(flags.insert().values(number_key=key, name=name, set_at=now))
        else:
            self._delete(flags, and_(flags.c.number_key == key, flags.c.name == name))

    def flag(self, number: str, name: str) -> bool:
        query = select(flags.c.name).where(flags.c.number_key == number_key(number), flags.c.name == name)
        return self._first(query) is not None

    def forget(self, number: str) -> None:
        key = number_key(number)
        with self._engine.begin() as conn:
            conn.execute(offered_options.delete().where(offered_options.c.number_key == key))
            conn.execute(flags.delete().where(flags.c.number_key == key))
            conn.execute(deliveries.delete().where(deliveries.c.number_key == key))

    def close(self) -> None:
        self._engine.dispose()

    def _insert_once(self, insert) -> bool:
        """True if the row was inserted, False if its primary key was already there."""
        try:
            with self._engine.begin() as conn:
                conn.execute(insert)
            return True
        except exc.IntegrityError:
            return False

    def _delete(self, table: Table, condition) -> int:
        with self._engine.begin() as conn:
            return conn.execute(table.delete().where(condition)).rowcount

    def _first(self, query):
        with self._engine.connect() as conn:
            return conn.execute(query).scalar()


