"""Booking an appointment: the free slots to offer, confirming one (a slot taken meanwhile offers the
next ones), and the calendar file a webchat booking comes with. Plain functions over a store."""
from datetime import datetime, timedelta
from typing import List, Optional, Tuple

from icalendar import Calendar, Event

from bot.appointments.diary import Diaries, Slot
from bot.appointments.model import Booking, BookingDraft, SlotFull
from bot.appointments.sql_store import SqlBookingStore

OFFERED = 4
CALENDAR_PRODUCT = "-//Hertfordshire Constabulary (demo)//Appointments//EN"


def free_slots(diaries: Diaries, store: SqlBookingStore, diary_id: str, now: datetime,
               earliest: Optional[datetime] = None, latest: Optional[datetime] = None,
               count: int = OFFERED) -> List[Slot]:
    """The first `count` slots with a place left, inside [earliest, latest] when given; if that window
    has none, the first ones after it (so the resident is always offered something)."""
    wanted = [s for s in diaries.slots(diary_id, now, earliest, latest) if store.taken(s.diary, s.starts_at) < s.capacity]
    if wanted or latest is None:
        return wanted[:count]
    return free_slots(diaries, store, diary_id, now, earliest=latest, count=count)


def confirm(diaries: Diaries, store: SqlBookingStore, slot: Slot, draft: BookingDraft, request_key: str,
            now: datetime) -> Tuple[Optional[Booking], List[Slot]]:
    """(the booking, []) or, when the slot filled up since it was offered, (None, the next free slots)."""
    if slot.starts_at < now + diaries.lead_time:
        return None, free_slots(diaries, store, slot.diary, now)
    try:
        return store.book(slot, draft, request_key, now), []
    except SlotFull:
        return None, free_slots(diaries, store, slot.diary, now, earliest=slot.starts_at + timedelta(minutes=1))


def calendar_file(booking: Booking, place: str, summary: str = "Police appointment") -> bytes:
    """An .ics file for the booking. Holds no reason and no name: a calendar can be shared."""
    calendar = Calendar()
    calendar.add("prodid", CALENDAR_PRODUCT)
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"{booking.reference}@appointments.herts-police.invalid")
    event.add("dtstamp", booking.created_at)
    event.add("dtstart", booking.starts_at)
    event.add("dtend", booking.starts_at + timedelta(minutes=booking.minutes))
    event.add("summary", summary)
    event.add("location", place)
    event.add("description", f"Reference {booking.reference}. To move or cancel, tell the assistant your "
                             "reference and the phone number or email you gave. Call 101 if you cannot come.")
    calendar.add_component(event)
    return calendar.to_ical()
