"""Appointments in a SQL database (SQLAlchemy Core 1.4): SQLite by default, PostgreSQL by URL.

Never more people in a slot than its capacity: each booking holds a numbered seat of its slot, and
(diary, starts_at, seat) is unique, so concurrent bookings race on a constraint, not on a count.
A cancelled or moved booking gives its seat back (seat NULL). Each booking request carries a key
(e.g. the conversation and the confirmation turn): the same key again returns the same booking, so
a double tap or a resent SMS never books twice.
"""
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Callable, List, Optional

from sqlalchemy import Column, Index, Integer, MetaData, String, Table, Text, UniqueConstraint, exc, select

from bot.appointments.diary import Slot
from bot.appointments.model import Booking, BookingDraft, NotFound, SlotFull, booking_reference
from bot.sql import UtcDateTime, as_utc, engine_with_schema

metadata = MetaData()
bookings = Table(
    "bookings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("reference", String(32), unique=True, nullable=True),
    Column("request_key", String(200), unique=True, nullable=False),
    Column("diary", String(64), nullable=False),
    Column("starts_at", UtcDateTime, nullable=False),
    Column("minutes", Integer, nullable=False),
    Column("seat", Integer, nullable=True),
    Column("status", String(16), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("reason", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("contact_kind", String(8), nullable=False),
    Column("contact", Text, nullable=False),
    Column("access_needs", Text, nullable=True),
    Column("interpreter_language", Text, nullable=True),
    Column("channel", String(32), nullable=False),
    Column("conversation_id", Text, nullable=False),
    UniqueConstraint("diary", "starts_at", "seat", name="uq_bookings_seat"),
    Index("ix_bookings_diary_starts_at", "diary", "starts_at"),
    Index("ix_bookings_conversation_id", "conversation_id"),
    sqlite_autoincrement=True,
)
DRAFT_FIELDS = list(BookingDraft.__dataclass_fields__)


class SqlBookingStore:
    def __init__(self, url: str):
        self._engine = engine_with_schema(url, metadata)

    def book(self, slot: Slot, draft: BookingDraft, request_key: str, now: datetime) -> Booking:
        """Book a seat in the slot; the same request_key again returns the booking it made."""
        earlier = self._by_key(request_key)
        if earlier:
            return earlier
        created_at = as_utc(now)
        values = {name: getattr(draft, name) for name in DRAFT_FIELDS}
        made = []

        def insert(conn, seat: int) -> None:
            row_id = conn.execute(bookings.insert().values(
                request_key=request_key, diary=slot.diary, starts_at=slot.starts_at, minutes=slot.minutes,
                seat=seat, status="booked", created_at=created_at, **values)).inserted_primary_key[0]
            conn.execute(bookings.update().where(bookings.c.id == row_id)
                         .values(reference=booking_reference(row_id, created_at)))
            made.append(row_id)

        if self._in_a_free_seat(slot, insert):
            return self._one(bookings.c.id == made[0])
        earlier = self._by_key(request_key)  # the same request, confirmed twice at once
        if earlier:
            return earlier
        raise SlotFull(f"{slot.diary} {slot.starts_at.isoformat()}")

    def move(self, reference: str, contact: str, slot: Slot) -> Booking:
        current = self.find(reference, contact)

        def update(conn, seat: int) -> None:
            conn.execute(bookings.update().where(bookings.c.reference == current.reference).values(
                diary=slot.diary, starts_at=slot.starts_at, minutes=slot.minutes, seat=seat))

        if not self._in_a_free_seat(slot, update):
            raise SlotFull(f"{slot.diary} {slot.starts_at.isoformat()}")
        return self._one(bookings.c.reference == current.reference)

    def cancel(self, reference: str, contact: str) -> Booking:
        current = self.find(reference, contact)
        with self._engine.begin() as conn:
            conn.execute(bookings.update().where(bookings.c.reference == current.reference)
                         .values(status="cancelled", seat=None))
        return self._one(bookings.c.reference == current.reference)

    def find(self, reference: str, contact: str) -> Booking:
        """A live booking by its reference *and* the phone or email given (never by reference alone)."""
        found = self._select((bookings.c.reference == (reference or "").strip().upper())
                             & (bookings.c.contact == (contact or "").strip()) & (bookings.c.status == "booked"))
        if not found:
            raise NotFound(reference)
        return found[0]

    def taken(self, diary: str, starts_at: datetime) -> int:
        rows = self._select((bookings.c.diary == diary) & (bookings.c.starts_at == as_utc(starts_at))
                            & (bookings.c.status == "booked"))
        return len(rows)

    def for_day(self, diary: str, day: date, zone) -> List[Booking]:
        """The staff view: a diary's live bookings on a local day, in time order."""
        start = datetime.combine(day, datetime.min.time(), tzinfo=zone)
        end = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=zone)
        return self._select((bookings.c.diary == diary) & (bookings.c.starts_at >= as_utc(start))
                            & (bookings.c.starts_at < as_utc(end)) & (bookings.c.status == "booked"))

    def delete_for_conversation(self, conversation_id: str) -> int:
        with self._engine.begin() as conn:
            return conn.execute(bookings.delete().where(bookings.c.conversation_id == conversation_id)).rowcount

    def close(self) -> None:
        self._engine.dispose()

    def _in_a_free_seat(self, slot: Slot, write: Callable[..., None]) -> bool:
        """Run `write(conn, seat)` for the first seat the constraint lets it have; False if none."""
        for seat in range(1, slot.capacity + 1):
            try:
                with self._engine.begin() as conn:
                    write(conn, seat)
                return True
            except exc.IntegrityError:
                continue
        return False

    def _by_key(self, request_key: str) -> Optional[Booking]:
        found = self._select(bookings.c.request_key == request_key)
        return found[0] if found else None

    def _one(self, condition) -> Booking:
        return self._select(condition)[0]

    def _select(self, condition) -> List[Booking]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(bookings).where(condition).order_by(bookings.c.starts_at, bookings.c.id)).all()
        return [_booking(row) for row in rows]


def _booking(row) -> Booking:
    return Booking(reference=row.reference, diary=row.diary, starts_at=row.starts_at, minutes=row.minutes,
                   status=row.status, created_at=row.created_at,
                   draft=BookingDraft(**{name: getattr(row, name) for name in DRAFT_FIELDS}))


def default_url(var_dir: Path) -> str:
    return f"sqlite:///{Path(var_dir) / 'appointments.db'}"
