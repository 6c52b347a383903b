"""Bookings in real SQLite: never more people in a slot than its capacity, however many confirm at
once (threads and processes); a repeated confirmation never books twice; managed only with the
reference and the contact detail given."""
import multiprocessing
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.appointments.diary import Slot
from bot.appointments.model import BookingDraft, NotFound, SlotFull
from bot.appointments.sql_store import SqlBookingStore

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)
SLOT = Slot("hitchin", datetime(2026, 11, 26, 14, 0, tzinfo=timezone.utc), 60, 1)
PAIR = Slot("stevenage", datetime(2026, 11, 26, 15, 0, tzinfo=timezone.utc), 60, 2)


def draft(n=0, contact="+447700900123"):
    return BookingDraft(reason="my bike was stolen", name=f"Resident {n}", contact_kind="phone", contact=contact,
                        channel="rest", conversation_id=f"conv-{n}")


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'appointments.db'}"


def test_fifty_concurrent_confirmations_for_a_one_person_slot_make_exactly_one_booking(url):
    store = SqlBookingStore(url)

    def confirm(n):
        try:
            return SqlBookingStore(url).book(SLOT, draft(n), f"conv-{n}:confirm", NOW).reference
        except SlotFull:
            return None

    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(confirm, range(50)))
    assert len([r for r in results if r]) == 1
    assert store.taken(SLOT.diary, SLOT.starts_at) == 1


def _confirm_in_process(args):
    url, n = args
    try:
        return SqlBookingStore(url).book(PAIR, draft(n), f"proc-{n}", NOW).reference
    except SlotFull:
        return None


def test_processes_racing_for_a_two_person_slot_get_two_bookings(url):
    SqlBookingStore(url)
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        results = pool.map(_confirm_in_process, [(url, n) for n in range(12)])
    assert len([r for r in results if r]) == 2 and len(set(r for r in results if r)) == 2


def test_a_double_tap_returns_the_same_booking(url):
    store = SqlBookingStore(url)
    first = store.book(SLOT, draft(), "conv-0:turn-7", NOW)
    with ThreadPoolExecutor(max_workers=10) as pool:
        again = list(pool.map(lambda _: store.book(SLOT, draft(), "conv-0:turn-7", NOW).reference, range(10)))
    assert set(again) == {first.reference} and store.taken(SLOT.diary, SLOT.starts_at) == 1
    assert first.reference.startswith("APT-26-") and len(first.reference) == len("APT-26-000001")


def test_a_booking_is_kept_across_a_restart_and_found_only_with_its_contact(url):
    reference = SqlBookingStore(url).book(SLOT, draft(), "k1", NOW).reference
    store = SqlBookingStore(url)
    assert store.find(reference.lower(), "+447700900123").draft.name == "Resident 0"
    with pytest.raises(NotFound):
        store.find(reference, "+447700900999")
    with pytest.raises(NotFound):
        store.find("APT-26-999999", "+447700900123")


def test_cancelling_frees_the_place_and_moving_keeps_the_reference(url):
    store = SqlBookingStore(url)
    booking = store.book(SLOT, draft(), "k1", NOW)
    with pytest.raises(SlotFull):
        store.book(SLOT, draft(1, "+447700900456"), "k2", NOW)
    moved = store.move(booking.reference, "+447700900123", PAIR)
    assert (moved.reference, moved.diary, moved.starts_at) == (booking.reference, "stevenage", PAIR.starts_at)
    other = store.book(SLOT, draft(1, "+447700900456"), "k2", NOW)
    cancelled = store.cancel(other.reference, "+447700900456")
    assert cancelled.status == "cancelled" and store.taken(SLOT.diary, SLOT.starts_at) == 0
    with pytest.raises(NotFound):
        store.cancel(other.reference, "+447700900456")


def test_staff_see_a_stations_bookings_for_a_day_in_time_order(url):
    store = SqlBookingStore(url)
    later = Slot("hitchin", datetime(2026, 11, 26, 16, 0, tzinfo=timezone.utc), 60, 1)
    store.book(later, draft(1), "a", NOW)
    store.book(SLOT, draft(2), "b", NOW)
    store.book(Slot("hitchin", datetime(2026, 11, 27, 10, 0, tzinfo=timezone.utc), 60, 1), draft(3), "c", NOW)
    day = store.for_day("hitchin", date(2026, 11, 26), ZoneInfo("Europe/London"))
    assert [b.draft.name for b in day] == ["Resident 2", "Resident 1"]
