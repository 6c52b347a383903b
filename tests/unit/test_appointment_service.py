"""Offering and confirming slots against real SQLite, and the calendar file."""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from bot.appointments import diary
from bot.appointments.model import BookingDraft
from bot.appointments.service import calendar_file, confirm, free_slots
from bot.appointments.sql_store import SqlBookingStore

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=LONDON)
DIARIES = diary.load()


def draft(n=0):
    return BookingDraft(reason="advice about a neighbour dispute", name=f"Resident {n}", contact_kind="email",
                        contact=f"r{n}@example.org", channel="socketio", conversation_id=f"c{n}")


@pytest.fixture
def store(tmp_path):
    return SqlBookingStore(f"sqlite:///{tmp_path / 'appointments.db'}")


def test_the_next_free_slots_are_offered_and_a_full_one_is_skipped(store):
    first, second = free_slots(DIARIES, store, "hitchin", NOW)[:2]
    store.book(first, draft(1), "k1", NOW)
    assert free_slots(DIARIES, store, "hitchin", NOW)[0] == second
    assert len(free_slots(DIARIES, store, "hitchin", NOW)) == 4


def test_a_window_with_nothing_free_offers_what_comes_after(store):
    sunday = datetime(2026, 11, 29, 0, 0, tzinfo=LONDON)
    offered = free_slots(DIARIES, store, "hitchin", NOW, sunday, sunday + timedelta(days=1))
    assert offered[0].starts_at.astimezone(LONDON).strftime("%a %H:%M") == "Mon 10:00"


def test_a_slot_taken_between_offer_and_confirmation_offers_the_next_ones(store):
    slot = free_slots(DIARIES, store, "hitchin", NOW)[0]
    store.book(slot, draft(1), "someone-else", NOW)
    booking, instead = confirm(DIARIES, store, slot, draft(2), "mine", NOW)
    assert booking is None and instead and all(s.starts_at > slot.starts_at for s in instead)


def test_a_slot_now_inside_the_lead_time_is_not_booked(store):
    slot = free_slots(DIARIES, store, "hitchin", NOW)[0]
    booking, instead = confirm(DIARIES, store, slot, draft(), "k", slot.starts_at - timedelta(minutes=30))
    assert booking is None and instead[0].starts_at > slot.starts_at


def test_the_calendar_file_has_the_time_and_place_but_not_the_reason_or_name(store):
    slot = free_slots(DIARIES, store, "hitchin", NOW)[0]
    booking, _ = confirm(DIARIES, store, slot, draft(), "k", NOW)
    ics = calendar_file(booking, "Hitchin Police Station")
    event = Calendar.from_ical(ics).walk("VEVENT")[0]
    assert event.decoded("dtstart") == slot.starts_at.astimezone(timezone.utc)
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=60)
    assert str(event["location"]) == "Hitchin Police Station" and booking.reference in str(event["description"])
    assert b"neighbour" not in ics and b"Resident" not in ics
