"""What a resident types for WHEN they want an appointment: UK English, relative to now in Europe/London,
right across the clock changes."""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.appointments.when import WhenWanted, understand_when

LONDON = ZoneInfo("Europe/London")


def at(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


MONDAY = at(2026, 3, 2, 9, 30)          # a Monday morning (GMT; clocks go forward on 29 March)
SATURDAY = at(2026, 3, 28, 19, 0)       # a Saturday evening, the night before the clocks go forward
JAN_31 = at(2026, 1, 31, 10, 0)         # Saturday 31 January: month rollover
DEC_20 = at(2026, 12, 20, 11, 0)        # Sunday 20 December: year rollover ("14/12" is next year's)
OCT_24 = at(2026, 10, 24, 10, 0)        # Saturday 24 October, the day before the clocks go back

ASAP = "asap"
# (now, text, earliest, latest); latest None means an exact time: earliest == latest == exact
CASES = [
    # the phrases residents use, on a Monday morning
    (MONDAY, "tomorrow evening", at(2026, 3, 3, 17), at(2026, 3, 3, 21)),
    (MONDAY, "next Tuesday after 5", at(2026, 3, 3, 17), at(2026, 3, 4)),    # first Tuesday after today
    (MONDAY, "Saturday morning", at(2026, 3, 7, 8), at(2026, 3, 7, 12)),
    (MONDAY, "the 14th", at(2026, 3, 14), at(2026, 3, 15)),
    (MONDAY, "14/12 at 11", at(2026, 12, 14, 11), None),                   # day-first, 11 → am
    (MONDAY, "14/12/2026 11am", at(2026, 12, 14, 11), None),
    (MONDAY, "Monday", at(2026, 3, 9), at(2026, 3, 10)),                    # today only if said "today"
    (MONDAY, "today after 3pm", at(2026, 3, 2, 15), at(2026, 3, 3)),
    (MONDAY, "this afternoon", at(2026, 3, 2, 12), at(2026, 3, 2, 17)),
    (MONDAY, "any time next week", at(2026, 3, 9), at(2026, 3, 16)),
    (MONDAY, "Friday at 10", at(2026, 3, 6, 10), None),
    (MONDAY, "on the 3rd at 2pm", at(2026, 3, 3, 14), None),
    (MONDAY, "asap", MONDAY, at(2026, 3, 30, 9, 30)),                       # 28 days on, wall clock (BST)
    (MONDAY, "as soon as possible", MONDAY, at(2026, 3, 30, 9, 30)),
    (MONDAY, "whenever", MONDAY, at(2026, 3, 30, 9, 30)),
    (MONDAY, "the sooner the better", MONDAY, at(2026, 3, 30, 9, 30)),
    # the same on a Saturday evening (and over the clocks going forward)
    (SATURDAY, "tomorrow evening", at(2026, 3, 29, 17), at(2026, 3, 29, 21)),
    (SATURDAY, "next Tuesday after 5", at(2026, 3, 31, 17), at(2026, 4, 1)),
    (SATURDAY, "Saturday morning", at(2026, 4, 4, 8), at(2026, 4, 4, 12)),  # not today: today is said "today"
    (SATURDAY, "the 14th", at(2026, 4, 14), at(2026, 4, 15)),
    (SATURDAY, "14/12 at 11", at(2026, 12, 14, 11), None),
    (SATURDAY, "Monday", at(2026, 3, 30), at(2026, 3, 31)),
    (SATURDAY, "today after 3pm", at(2026, 3, 28, 15), at(2026, 3, 29)),
    (SATURDAY, "this afternoon", at(2026, 3, 28, 12), at(2026, 3, 28, 17)),  # in the past: not clamped
    (SATURDAY, "any time next week", at(2026, 3, 30), at(2026, 4, 6)),
    (SATURDAY, "Friday at 10", at(2026, 4, 3, 10), None),
    (SATURDAY, "on the 3rd at 2pm", at(2026, 4, 3, 14), None),
    (SATURDAY, "whenever", SATURDAY, at(2026, 4, 25, 19)),
    # month rollover
    (JAN_31, "the 14th", at(2026, 2, 14), at(2026, 2, 15)),
    (JAN_31, "on the 3rd at 2pm", at(2026, 2, 3, 14), None),
    (JAN_31, "the 31st", at(2026, 1, 31), at(2026, 2, 1)),                  # today counts for a date
    (JAN_31, "the 30th", at(2026, 3, 30), at(2026, 3, 31)),                 # February has none
    (JAN_31, "Monday", at(2026, 2, 2), at(2026, 2, 3)),
    (JAN_31, "next Tuesday after 5", at(2026, 2, 3, 17), at(2026, 2, 4)),
    (JAN_31, "any time next week", at(2026, 2, 2), at(2026, 2, 9)),
    # year rollover
    (DEC_20, "14/12 at 11", at(2027, 12, 14, 11), None),
    (DEC_20, "14/12/2026 11am", at(2026, 12, 14, 11), None),               # a year given is kept
    (DEC_20, "the 14th", at(2027, 1, 14), at(2027, 1, 15)),
    (DEC_20, "on the 3rd at 2pm", at(2027, 1, 3, 14), None),
    (DEC_20, "any time next week", at(2026, 12, 21), at(2026, 12, 28)),
    (DEC_20, "Saturday morning", at(2026, 12, 26, 8), at(2026, 12, 26, 12)),
    (DEC_20, "Friday at 10", at(2026, 12, 25, 10), None),
    # more of what residents type
    (MONDAY, "at 5", at(2026, 3, 2, 17), None),
    (MONDAY, "after 5", at(2026, 3, 2, 17), at(2026, 3, 3)),
    (MONDAY, "before 3", at(2026, 3, 2), at(2026, 3, 2, 15)),
    (MONDAY, "between 2 and 4", at(2026, 3, 2, 14), at(2026, 3, 2, 16)),
    (MONDAY, "from 9 till 11", at(2026, 3, 3, 9), at(2026, 3, 3, 11)),      # 9:00 today has passed
    (MONDAY, "half 2 tomorrow", at(2026, 3, 3, 14, 30), None),              # UK "half 2"
    (MONDAY, "half past 2 on friday", at(2026, 3, 6, 14, 30), None),
    (MONDAY, "quarter to 3 friday", at(2026, 3, 6, 14, 45), None),
    (MONDAY, "Monday 1700", at(2026, 3, 9, 17), None),
    (MONDAY, "Monday 9.30", at(2026, 3, 9, 9, 30), None),
    (MONDAY, "at noon on monday", at(2026, 3, 9, 12), None),
    (MONDAY, "lunchtime", at(2026, 3, 2, 12), at(2026, 3, 2, 14)),
    (MONDAY, "tomorrow morning at 7", at(2026, 3, 3, 7), None),             # "morning": 7 is am
    (MONDAY, "tonight at 7", at(2026, 3, 2, 19), None),
    (MONDAY, "at 9 in the evening on friday", at(2026, 3, 6, 21), None),
    (MONDAY, "first thing tomorrow", at(2026, 3, 3, 8), at(2026, 3, 3, 10)),
    (MONDAY, "early evening friday", at(2026, 3, 6, 17), at(2026, 3, 6, 19)),
    (MONDAY, "late morning on the 14th", at(2026, 3, 14, 10), at(2026, 3, 14, 12)),
    (MONDAY, "Tuesday next week", at(2026, 3, 10), at(2026, 3, 11)),
    (MONDAY, "Tuesday week", at(2026, 3, 10), at(2026, 3, 11)),
    (MONDAY, "day after tomorrow", at(2026, 3, 4), at(2026, 3, 5)),
    (MONDAY, "friday the 13th", at(2026, 3, 13), at(2026, 3, 14)),
    (MONDAY, "14th of March", at(2026, 3, 14), at(2026, 3, 15)),
    (MONDAY, "March 14 at 3", at(2026, 3, 14, 15), None),
    (MONDAY, "the twenty first", at(2026, 3, 21), at(2026, 3, 22)),
    (MONDAY, "03/04", at(2026, 4, 3), at(2026, 4, 4)),                      # 3 April, not 4 March
    (MONDAY, "in March", at(2026, 3, 1), at(2026, 4, 1)),
    (MONDAY, "the weekend", at(2026, 3, 7), at(2026, 3, 9)),
    (MONDAY, "from Tuesday to Thursday", at(2026, 3, 3), at(2026, 3, 6)),
    (MONDAY, "after Tuesday", at(2026, 3, 4), at(2026, 4, 1)),
    (MONDAY, "by Friday", MONDAY, at(2026, 3, 7)),
    (MONDAY, "any time after 5 tomorrow", at(2026, 3, 3, 17), at(2026, 3, 4)),
    (MONDAY, "I work Tuesdays so Wednesday morning", at(2026, 3, 4, 8), at(2026, 3, 4, 12)),
    (MONDAY, "wensday afternoon", at(2026, 3, 4, 12), at(2026, 3, 4, 17)),
]


@pytest.mark.parametrize("now, text, earliest, latest", CASES,
                         ids=[f"{now:%a %d %b}: {text}" for now, text, *_ in CASES])
def test_understands_when(now, text, earliest, latest):
    when = understand_when(text, now)
    assert when.understood
    assert when.earliest == earliest
    if latest is None:
        assert when.exact == earliest and when.latest == earliest
    else:
        assert when.latest == latest
        assert when.exact is None
    for moment in (when.earliest, when.latest):
        assert moment.tzinfo is LONDON


NONSENSE = ["banana", "", "I don't know", "not sure", "so yeah", "when it suits you", "die", "mi casa",
            "my bike was stolen", "5", "2 hours", "31/02", "I sat in my car", "may I come in", "late"]


@pytest.mark.parametrize("text", NONSENSE)
def test_nonsense_is_not_understood(text):
    assert understand_when(text, MONDAY) == WhenWanted(MONDAY, MONDAY, None, False)


@pytest.mark.parametrize("now, text, earliest, latest, hours", [
    (SATURDAY, "tomorrow", at(2026, 3, 29), at(2026, 3, 30), 23),
    (OCT_24, "tomorrow", at(2026, 10, 25), at(2026, 10, 26), 25),
], ids=["clocks go forward", "clocks go back"])
def test_a_whole_day_across_a_clock_change(now, text, earliest, latest, hours):
    when = understand_when(text, now)
    assert (when.earliest, when.latest) == (earliest, latest)
    # (subtracting two datetimes in the same zone is wall-clock arithmetic: compare instants)
    assert when.latest.timestamp() - when.earliest.timestamp() == hours * 3600


@pytest.mark.parametrize("now, text, utc_start, utc_end", [
    (SATURDAY, "Sunday morning", datetime(2026, 3, 29, 7, tzinfo=timezone.utc),
     datetime(2026, 3, 29, 11, tzinfo=timezone.utc)),                      # 08:00-12:00 BST
    (OCT_24, "Sunday morning", datetime(2026, 10, 25, 8, tzinfo=timezone.utc),
     datetime(2026, 10, 25, 12, tzinfo=timezone.utc)),                     # 08:00-12:00 GMT
    (SATURDAY, "tomorrow evening", datetime(2026, 3, 29, 16, tzinfo=timezone.utc),
     datetime(2026, 3, 29, 20, tzinfo=timezone.utc)),
], ids=["forward: morning", "back: morning", "forward: evening"])
def test_windows_keep_their_local_time_across_the_clock_changes(now, text, utc_start, utc_end):
    when = understand_when(text, now)
    assert (when.earliest.timestamp(), when.latest.timestamp()) == (utc_start.timestamp(), utc_end.timestamp())


def test_a_time_the_clocks_skip_comes_out_as_a_real_instant():
    when = understand_when("29/03/2026 at 1:30am", SATURDAY)
    assert when.exact.timestamp() == datetime(2026, 3, 29, 1, 30, tzinfo=timezone.utc).timestamp()
    assert when.exact.hour == 2
    assert when.exact.utcoffset() == timedelta(hours=1)


def test_a_time_the_clocks_repeat_is_the_first_one():
    when = understand_when("tomorrow at 1:30am", OCT_24)
    # (an ambiguous local time never compares == with another zone's datetime: compare instants)
    assert when.exact.timestamp() == datetime(2026, 10, 25, 0, 30, tzinfo=timezone.utc).timestamp()
    assert when.exact.utcoffset() == timedelta(hours=1)


def test_now_in_another_zone_is_read_in_london():
    utc_now = MONDAY.astimezone(timezone.utc)
    assert understand_when("Friday at 10", utc_now) == understand_when("Friday at 10", MONDAY)


def test_now_must_be_aware():
    with pytest.raises(ValueError):
        understand_when("tomorrow", datetime(2026, 3, 2, 9, 30))
