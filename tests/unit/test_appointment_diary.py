"""Appointment diaries: hourly slots in local time, right across the clock changes; bank holidays,
closures, lead time and horizon respected; every station and district has a diary."""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.appointments import diary
from bot.geo import teams

LONDON = ZoneInfo("Europe/London")
DIARIES = diary.load()


def local_starts(slots):
    return [s.starts_at.astimezone(LONDON).strftime("%a %d %b %H:%M") for s in slots]


def test_every_station_and_every_district_has_a_diary():
    directory = teams.load()
    assert set(DIARIES.diaries) == set(directory.stations) | {f"home:{d}" for d in directory.districts}


@pytest.mark.parametrize("day", ["2026-03-30", "2026-10-26"], ids=["after clocks go forward", "after clocks go back"])
def test_slots_keep_their_local_time_across_the_clock_changes(day):
    now = datetime.fromisoformat(f"{day}T00:00:00").replace(tzinfo=LONDON) - timedelta(days=4)
    monday = [s for s in DIARIES.slots("hitchin", now) if s.starts_at.astimezone(LONDON).date().isoformat() == day]
    assert [s.starts_at.astimezone(LONDON).hour for s in monday] == [10, 11, 12, 14, 15, 16, 17, 18, 19]
    offset = {"2026-03-30": 1, "2026-10-26": 0}[day]
    assert monday[0].starts_at.hour == 10 - offset, "stored in UTC"


def test_bank_holidays_sundays_and_closures_offer_nothing():
    now = datetime(2026, 12, 21, 9, 0, tzinfo=LONDON)
    days = {s.starts_at.astimezone(LONDON).date().isoformat() for s in DIARIES.slots("hitchin", now)}
    assert "2026-12-25" not in days and "2026-12-28" not in days, "Christmas and the Boxing Day substitute"
    assert "2026-12-27" not in days, "Hitchin has no Sunday hours"
    assert "2026-12-24" in days
    sunday_counter = {s.starts_at.astimezone(LONDON).date().isoformat() for s in DIARIES.slots("stevenage", now)}
    assert "2027-01-03" in sunday_counter


def test_lead_time_and_horizon():
    now = datetime(2026, 11, 24, 10, 30, tzinfo=LONDON)
    slots = DIARIES.slots("watford", now)
    assert slots[0].starts_at >= now + DIARIES.lead_time
    assert local_starts(slots[:1]) == ["Tue 24 Nov 14:00"], "13:00 is lunch, 12:00 is inside the lead time"
    assert slots[-1].starts_at <= now + DIARIES.horizon
    assert {s.capacity for s in slots} == {2}


def test_a_bad_diary_file_is_refused(tmp_path):
    text = diary.DIARIES_FILE.read_text().replace('monday: ["10:00-13:00", "14:00-20:00"]', 'monday: ["20:00-13:00"]', 1)
    (tmp_path / "diaries.yml").write_text(text)
    with pytest.raises(ValueError, match="closes before it opens"):
        diary.load.__wrapped__(tmp_path / "diaries.yml")


def test_slots_are_aware_utc():
    slot = DIARIES.slots("home:dacorum", datetime(2026, 6, 1, 8, 0, tzinfo=timezone.utc))[0]
    assert slot.starts_at.tzinfo == timezone.utc and slot.minutes == 120
