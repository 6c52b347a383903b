"""From when a resident wants to come to a slot, or to the free slots to offer and why the time
they asked for cannot be had (gone, too soon, too far ahead, closed that day, taken)."""
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import List, Optional

from bot.appointments.diary import Diaries, Slot
from bot.appointments.service import free_slots
from bot.appointments.sql_store import SqlBookingStore
from bot.appointments.when import WhenWanted

PAST, TOO_SOON, TOO_FAR, CLOSED, NOT_OPEN_THEN, TAKEN, NONE_THEN = (
    "past", "too_soon", "too_far", "closed", "not_open_then", "taken", "none_then")


@dataclass(frozen=True)
class Choice:
    slot: Optional[Slot] = None
    offers: List[Slot] = field(default_factory=list)
    problem: Optional[str] = None
    day: Optional[datetime] = None      # the day a CLOSED problem is about (local)


def choose(diaries: Diaries, store: SqlBookingStore, diary_id: str, wanted: WhenWanted, now: datetime) -> Choice:
    if wanted.exact is not None:
        return _exact(diaries, store, diary_id, wanted.exact, now)
    return _window(diaries, store, diary_id, wanted.earliest, wanted.latest, now)


def _exact(diaries: Diaries, store: SqlBookingStore, diary_id: str, at: datetime, now: datetime) -> Choice:
    there = diaries.slot_at(diary_id, at, now)
    if there is not None and store.taken(diary_id, there.starts_at) < there.capacity:
        return Choice(slot=there)
    day = diaries.local(at).date()
    problem = _out_of_range(diaries, at, at, now)
    if problem:
        return Choice(offers=free_slots(diaries, store, diary_id, now), problem=problem)
    if not diaries.has_hours(diary_id, day):
        return Choice(offers=_after(diaries, store, diary_id, day, now), problem=CLOSED, day=diaries.local(at))
    start_of_day = datetime.combine(day, time(0), diaries.zone)
    return Choice(offers=free_slots(diaries, store, diary_id, now, earliest=start_of_day),
                  problem=TAKEN if there is not None else NOT_OPEN_THEN)


def _window(diaries: Diaries, store: SqlBookingStore, diary_id: str, earliest: datetime, latest: datetime,
            now: datetime) -> Choice:
    problem = _out_of_range(diaries, earliest, latest, now)
    if problem:
        return Choice(offers=free_slots(diaries, store, diary_id, now), problem=problem)
    first_day, last_day = diaries.local(earliest).date(), diaries.local(latest - timedelta(seconds=1)).date()
    if first_day == last_day and not diaries.has_hours(diary_id, first_day):
        return Choice(offers=_after(diaries, store, diary_id, first_day, now), problem=CLOSED,
                      day=diaries.local(earliest))
    offers = free_slots(diaries, store, diary_id, now, earliest=earliest, latest=latest)
    inside = [s for s in offers if s.starts_at <= latest]
    return Choice(offers=offers, problem=None if inside else NONE_THEN)


def _out_of_range(diaries: Diaries, earliest: datetime, latest: datetime, now: datetime) -> Optional[str]:
    if latest < now:
        return PAST
    if latest < now + diaries.lead_time:
        return TOO_SOON
    if earliest > now + diaries.horizon:
        return TOO_FAR
    return None


def _after(diaries: Diaries, store: SqlBookingStore, diary_id: str, day, now: datetime) -> List[Slot]:
    return free_slots(diaries, store, diary_id, now, earliest=datetime.combine(day + timedelta(days=1), time(0), diaries.zone))
