"""A booked appointment, and what the resident gives to make one."""
from dataclasses import dataclass
from datetime import datetime
from typing import Optional
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class BookingDraft:
    reason: str
    name: str
    contact_kind: str            # "phone" or "email"
    contact: str                 # normalised (E.164 phone or lower-case email)
    channel: str
    conversation_id: str
    access_needs: Optional[str] = None
    interpreter_language: Optional[str] = None


@dataclass(frozen=True)
class Booking:
    reference: str
    diary: str
    starts_at: datetime          # aware UTC
    minutes: int
    status: str                  # "booked" or "cancelled"
    created_at: datetime
    draft: BookingDraft


class SlotFull(Exception):
    """Every place in the slot is taken."""


class NotFound(Exception):
    """No booking with that reference and contact detail (never says which was wrong)."""


def booking_reference(row_id: int, created_at: datetime) -> str:
    return f"APT-{created_at.astimezone(LONDON):%y}-{row_id:06d}"
