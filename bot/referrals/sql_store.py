"""Referrals in a SQL database (SQLAlchemy Core 1.4): SQLite by default, PostgreSQL by URL."""
from datetime import datetime
from pathlib import Path
from typing import List, Optional

from sqlalchemy import Column, Index, Integer, MetaData, String, Table, Text, select
from sqlalchemy.engine import make_url

from bot.referrals.model import Referral, ReferralDraft, reference_for
from bot.referrals.store import ReferralStore
from bot.sql import UtcDateTime, as_utc, engine_with_schema

metadata = MetaData()
referrals = Table(
    "referrals", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # Filled from id in the same transaction as the insert, so never seen empty by others.
    Column("reference", String(32), unique=True, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("category", String(64), nullable=False),
    Column("place", Text, nullable=True),
    Column("district", String(64), nullable=True),
    Column("team", String(128), nullable=False),
    Column("summary", Text, nullable=False),
    Column("contact_preference", String(16), nullable=False),
    Column("contact_detail", Text, nullable=True),
    Column("channel", String(32), nullable=False),
    Column("conversation_id", Text, nullable=False),
    Column("notified_at", UtcDateTime, nullable=True),
    Index("ix_referrals_team_created_at", "team", "created_at"),
    Index("ix_referrals_conversation_id", "conversation_id"),
    Index("ix_referrals_created_at", "created_at"),
    # AUTOINCREMENT: SQLite would otherwise reuse the highest id once that row is deleted,
    # and a reference already given to a resident would be given again.
    sqlite_autoincrement=True,
)
DRAFT_COLUMNS = [referrals.c[name] for name in ReferralDraft.__dataclass_fields__]


class SqlReferralStore(ReferralStore):
    def __init__(self, url: str):
        self._engine = engine_with_schema(url, metadata)

    def add(self, draft: ReferralDraft, now: datetime) -> Referral:
        created_at = as_utc(now)
        values = {column.name: getattr(draft, column.name) for column in DRAFT_COLUMNS}
        with self._engine.begin() as conn:
            inserted = conn.execute(referrals.insert().values(created_at=created_at, **values))
            row_id = inserted.inserted_primary_key[0]
            reference = reference_for(row_id, created_at)
            conn.execute(referrals.update().where(referrals.c.id == row_id).values(reference=reference))
        return Referral.from_draft(reference, created_at, draft)

    def get(self, reference: str) -> Optional[Referral]:
        found = self._select(referrals.c.reference == reference)
        return found[0] if found else None

    def mark_notified(self, reference: str, when: datetime) -> bool:
        update = referrals.update().where(referrals.c.reference == reference).values(notified_at=as_utc(when))
        with self._engine.begin() as conn:
            return conn.execute(update).rowcount > 0

    def list_for_team(self, team: str, since: Optional[datetime] = None) -> List[Referral]:
        conditions = [referrals.c.team == team]
        if since is not None:
            conditions.append(referrals.c.created_at >= as_utc(since))
        return self._select(*conditions)

    def delete_for_conversation(self, conversation_id: str) -> int:
        return self._delete(referrals.c.conversation_id == conversation_id)

    def delete_older_than(self, cutoff: datetime) -> int:
        return self._delete(referrals.c.created_at < as_utc(cutoff))

    def close(self) -> None:
        self._engine.dispose()

    def _select(self, *conditions) -> List[Referral]:
        query = select(referrals).where(*conditions).order_by(referrals.c.created_at, referrals.c.id)
        with self._engine.connect() as conn:
            return [_referral(row) for row in conn.execute(query)]

    def _delete(self, condition) -> int:
        with self._engine.begin() as conn:
            return conn.execute(referrals.delete().where(condition)).rowcount


def referral_store_from_url(url: str) -> SqlReferralStore:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            raise ValueError("referrals need a SQLite file: each connection to :memory: is a separate database")
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    return SqlReferralStore(url)


def default_url(var_dir: Path) -> str:
    return f"sqlite:///{Path(var_dir) / 'referrals.db'}"




def _referral(row) -> Referral:
    return Referral(**{key: value for key, value in row._mapping.items() if key != "id"})
