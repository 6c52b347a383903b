"""Appointment diaries (data/appointments/diaries.yml): which slots each station, and home visits in
each district, offer, in Europe/London time and right across the clock changes.

A diary id is a station id (data/geography/stations.yml) or `home:<district>`.
"""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Iterator, List, Optional, Tuple
from zoneinfo import ZoneInfo

import holidays
import yaml

from bot import paths
from bot.geo import teams as team_directory

DIARIES_FILE = paths.DATA / "appointments" / "diaries.yml"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
HOME_PREFIX = "home:"


@dataclass(frozen=True)
class Slot:
    diary: str
    starts_at: datetime    # aware, UTC
    minutes: int
    capacity: int

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class Diary:
    id: str
    slot_minutes: int
    capacity: int
    hours: Dict[int, Tuple[Tuple[time, time], ...]]   # weekday (Monday 0) -> opening windows, local


@dataclass(frozen=True)
class Diaries:
    zone: ZoneInfo
    lead_time: timedelta
    horizon: timedelta
    diaries: Dict[str, Diary]
    closures: Tuple[Tuple[str, date, date], ...]
    bank_holidays: FrozenSet[date]

    def slots(self, diary_id: str, now: datetime, start: Optional[datetime] = None,
              end: Optional[datetime] = None) -> List[Slot]:
        """Bookable slots of a diary between `start` and `end` (default: lead time to horizon), in order."""
        diary = self.diaries[diary_id]
        earliest = max(start or now, now + self.lead_time)
        latest = min(end or now + self.horizon, now + self.horizon)
        found: List[Slot] = []
        day = earliest.astimezone(self.zone).date()
        while day <= latest.astimezone(self.zone).date():
            if self.is_open(diary_id, day):
                found += [s for s in self._day_slots(diary, day) if earliest <= s.starts_at <= latest]
            day += timedelta(days=1)
        return found

    def slot_at(self, diary_id: str, starts_at: datetime, now: datetime) -> Optional[Slot]:
        """The bookable slot starting exactly then, if there is one."""
        return next((s for s in self.slots(diary_id, now, starts_at, starts_at) if s.starts_at == starts_at), None)

    def is_open(self, diary_id: str, day: date) -> bool:
        if day in self.bank_holidays:
            return False
        return not any(d == diary_id and first <= day <= last for d, first, last in self.closures)

    def has_hours(self, diary_id: str, day: date) -> bool:
        """Open that day and offering appointments on that weekday."""
        return self.is_open(diary_id, day) and bool(self.diaries[diary_id].hours.get(day.weekday()))

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def _day_slots(self, diary: Diary, day: date) -> Iterator[Slot]:
        step = timedelta(minutes=diary.slot_minutes)
        for opens, closes in diary.hours.get(day.weekday(), ()):
            start = datetime.combine(day, opens)
            while start + step <= datetime.combine(day, closes):
                local = start.replace(tzinfo=self.zone)
                if _exists(local, self.zone):
                    yield Slot(diary.id, local.astimezone(timezone.utc), diary.slot_minutes, diary.capacity)
                start += step


def _exists(local: datetime, zone: ZoneInfo) -> bool:
    """False for a wall-clock time skipped when the clocks go forward."""
    return local.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None) == local.replace(tzinfo=None)


@lru_cache(maxsize=None)
def load(path: Path = DIARIES_FILE) -> Diaries:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    directory = team_directory.load()
    diaries = {}
    for station_id in directory.stations:
        diaries[station_id] = _diary(station_id, data["stations"], path)
    for district in directory.districts:
        diaries[HOME_PREFIX + district] = _diary(HOME_PREFIX + district, data["home_visits"], path, key=district)
    for section, known in (("stations", directory.stations), ("home_visits", directory.districts)):
        unknown = set(data[section].get("overrides") or {}) - set(known)
        if unknown:
            raise ValueError(f"{path}: {section} overrides for unknown ids {sorted(unknown)}")
    closures = tuple((c["diary"], _date(c["from"]), _date(c["to"])) for c in data.get("closures") or [])
    for diary_id, first, last in closures:
        if diary_id not in diaries or last < first:
            raise ValueError(f"{path}: bad closure {diary_id} {first}..{last}")
    years = range(date.today().year - 1, date.today().year + 3)
    booking = data["booking"]
    return Diaries(zone=ZoneInfo(data["timezone"]), lead_time=timedelta(hours=booking["lead_time_hours"]),
                   horizon=timedelta(days=booking["horizon_days"]), diaries=diaries, closures=closures,
                   bank_holidays=frozenset(holidays.country_holidays("GB", subdiv="ENG", years=years)))


def _diary(diary_id: str, section: dict, path: Path, key: Optional[str] = None) -> Diary:
    defaults, override = section["defaults"], (section.get("overrides") or {}).get(key or diary_id, {})
    hours_spec = {**defaults["hours"], **override.get("hours", {})}
    if set(hours_spec) != set(WEEKDAYS):
        raise ValueError(f"{path}: {diary_id}: hours need exactly the seven weekdays")
    minutes = int(override.get("slot_minutes", defaults["slot_minutes"]))
    capacity = int(override.get("officers_per_slot", defaults["officers_per_slot"]))
    if minutes <= 0 or capacity <= 0:
        raise ValueError(f"{path}: {diary_id}: slot length and officers per slot must be positive")
    hours = {WEEKDAYS.index(day): tuple(_window(w, diary_id, path) for w in windows) for day, windows in hours_spec.items()}
    return Diary(diary_id, minutes, capacity, hours)


def _window(text: str, diary_id: str, path: Path) -> Tuple[time, time]:
    try:
        opens, closes = (time.fromisoformat(part.strip()) for part in text.split("-"))
    except ValueError:
        raise ValueError(f"{path}: {diary_id}: opening hours {text!r} are not HH:MM-HH:MM") from None
    if closes <= opens:
        raise ValueError(f"{path}: {diary_id}: {text!r} closes before it opens")
    return opens, closes


def _date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
