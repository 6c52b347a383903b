"""Understand WHEN a resident wants an appointment, from what they type (UK English, Europe/London).

`understand_when(text, now)` is a pure function: `now` is passed in, nothing is read or logged.

Two parts:

* ctparse (pinned in requirements) parses the time of day: clock times ("10:30", "11am", "1700"),
  "half past"/"quarter to", part-of-day words with "early"/"late", "after"/"before"/
  "from … to"/"between … and", and how those combine ("after 9 in the morning").
* A thin UK layer around it. ctparse is German/English and fuzzy, so on its own it reads "so", "do",
  "die", "not sure" or "I don't know" as days or as "now", "half 2" as 1:30, "next Tuesday" as the
  Tuesday of next week and "the 30th" on 31 Jan as 28 Feb, and it is slow on numeric dates. So:
  - only English date/time words and numbers are looked at, everything else is dropped;
  - the DAY is worked out here, never by ctparse:
    "14/12", "14/12/26", "14.12.2026" (day-first; month-first only when day-first is impossible),
    "14th (of) December (2027)", "December 14", "the 14th", "the third" (the next such date on or
    after today), "today", "tomorrow", "yesterday", "the day after tomorrow", "tonight",
    "this morning/afternoon/evening";
    weekdays: "Tuesday", "next Tuesday", "this Tuesday", "on Tues" = the first Tuesday strictly after
    today (today only counts if the resident says "today"); "Tuesday next week"/"next week Tuesday"
    = the Tuesday of next week (weeks start on Monday); "Tuesday week" = a week after "Tuesday";
    an explicit date beats a weekday ("Friday the 13th"), a weekday beats a habit ("I work Tuesdays");
  - a bare hour is an office hour: 1-7 → pm, 8-11 → am, 12 → noon ("after 5" → 17:00), all am
    with "morning", all pm with "afternoon"/"evening"/"night"; "half 2" (UK) → 14:30; "at noon" → 12:00;
  - periods: "next week", "this week", "(this|the|next) weekend", a month ("in March");
    "asap", "whenever", "any time", "the sooner the better"….

Windows (aware datetimes in Europe/London, built from local wall-clock times, so right across the
clock changes; a whole day ends at the next local midnight, which may be 23 or 25 hours later):
* a day without a time → 00:00-24:00; morning 08-12, afternoon 12-17, evening/night 17-21,
  noon/midday/lunchtime 12-14; "early"/"late" take the first/second half of that;
* a clock time → earliest == latest == exact (the diary matches slot starts inclusively);
* "after 5" → 17:00 to the end of that day; "before 3" → start of that day to 15:00;
  "between 2 and 4" → 14:00-16:00 (exact stays None: a bound is not an appointment time);
* "Tuesday to Thursday" → Tuesday 00:00 to Friday 00:00; "after Tuesday" → Wednesday 00:00 + 28 days;
  "before Friday" → now to Friday 00:00; "by/until Friday" → now to the end of Friday;
* a time or part of day without a day → today if it has not passed yet, else tomorrow;
* "asap", "whenever", "any time"… with nothing more specific → now to now + 28 calendar days;
* nothing date-like → understood=False, earliest == latest == now, exact None.
Windows are NOT clamped to `now` ("today" said at 15:00 still starts at 00:00; "this afternoon"
said at 18:00 is in the past): the diary clamps to its lead time and horizon.
"""
import difflib
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import List, Optional, Tuple, Union
from zoneinfo import ZoneInfo

from ctparse import ctparse
from ctparse.types import Interval, Time

LONDON = ZoneInfo("Europe/London")
OPEN_WINDOW = timedelta(days=28)
_CTPARSE_TIMEOUT_SECONDS = 1.0   # time-of-day phrases take a few ms; this only stops pathological input

# ctparse logs the text it could not parse at WARNING: keep residents' words out of the logs.
logging.getLogger("ctparse").setLevel(logging.ERROR)


@dataclass(frozen=True)
class WhenWanted:
    earliest: datetime          # aware, Europe/London
    latest: datetime            # aware, Europe/London; the window the resident means
    exact: Optional[datetime]   # set when a clock time was given ("14/12 at 11")
    understood: bool            # False when nothing date-like was found


# --- vocabulary -------------------------------------------------------------------------------

_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS = {name: dow for dow, name in enumerate(_DAY_NAMES)}
_WEEKDAYS.update(mon=0, tue=1, tues=1, wed=2, weds=2, thu=3, thur=3, thurs=3, fri=4, sat=5, sun=6)
_HABITS = {name + "s": dow for dow, name in enumerate(_DAY_NAMES)}          # "I work Tuesdays"
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")
_MONTHS = {name: n for n, name in enumerate(_MONTH_NAMES, 1)}
_MONTHS.update(jan=1, feb=2, mar=3, apr=4, jun=6, jul=7, aug=8, sep=9, sept=9, oct=10, nov=11, dec=12)
# a month on its own ("in March") must be spelt out: "may" is a verb, "Jan" a name
_MONTH_ALONE = set(_MONTH_NAMES) - {"may"}
_ORDINAL_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                  "seventh": 7, "eighth": 8, "ninth": 9}
_ORDINALS = dict(_ORDINAL_UNITS, tenth=10, eleventh=11, twelfth=12, thirteenth=13, fourteenth=14,
                 fifteenth=15, sixteenth=16, seventeenth=17, eighteenth=18, nineteenth=19,
                 twentieth=20, thirtieth=30)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_ALIASES = {
    "tmrw": "tomorrow", "tmr": "tomorrow", "tmw": "tomorrow", "tomoz": "tomorrow",
    "tonite": "tonight", "nite": "night", "midday": "noon", "lunchtime": "noon", "lunch": "noon",
    "morn": "morning", "arvo": "afternoon", "eve": "evening",
    "mornings": "morning", "afternoons": "afternoon", "evenings": "evening", "nights": "night",
    "til": "till", "untill": "until", "thru": "through",
}
_FLEXIBLE = (
    ("as", "soon", "as", "possible"), ("soon", "as", "possible"), ("asap",), ("whenever",),
    ("any", "time"), ("anytime",), ("any", "day"), ("any", "date"), ("no", "preference"),
    ("don't", "mind"), ("dont", "mind"), ("not", "fussy"), ("sooner",), ("soonest",), ("earliest",),
    ("first", "available"), ("right", "now"), ("now",), ("immediately",), ("straight", "away"),
)
_PRONOUNS = {"i", "we", "you", "he", "she", "they", "it", "the", "a"}   # "I sat", "the sun"
_PODS = {"morning", "afternoon", "evening", "night", "noon", "midnight"}
_POD_MINUTES = {  # local minutes after midnight
    "morning": (8 * 60, 12 * 60), "forenoon": (8 * 60, 12 * 60), "afternoon": (12 * 60, 17 * 60),
    "evening": (17 * 60, 21 * 60), "night": (17 * 60, 21 * 60), "noon": (12 * 60, 14 * 60),
}
_HOUR_CONTEXT = {"at", "after", "from", "before", "to", "between", "and", "around", "about", "past",
                 "till", "until", "by", "or", "for", "half"}
_RANGE_WORDS = {"to", "till", "until", "through"}
# words ctparse is given besides clock times; everything else is dropped
_TIME_WORDS = {"at", "after", "before", "from", "to", "between", "and", "in", "half", "past",
               "quarter", "early", "late", "very"} | _PODS
_FUZZY_TARGETS = [*_DAY_NAMES, *(m for m in _MONTH_NAMES if len(m) > 5), "today", "tomorrow", "tonight", "yesterday",
                  "morning", "afternoon", "evening", "weekend", "midnight"]

_TOKEN = re.compile(
    r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}(?!\d)"      # 14/12/2026, 14.12.26
    r"|\d{1,2}/\d{1,2}(?![\d/])"                     # 14/12
    r"|\d{1,2}[:.]\d{2}(?:am|pm)?(?!\d)"             # 10:30, 5.30pm
    r"|\d+(?:st|nd|rd|th|am|pm|ish|h)?"              # 14th, 11am, 10ish, 5, 1700
    r"|[a-z]+(?:'[a-z]+)?"
)
_NUM_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2,4}))?$")
_ORDINAL_NUM = re.compile(r"(\d{1,2})(?:st|nd|rd|th)$")
_CLOCK = re.compile(r"(\d{1,2}):?(\d{2})?(am|pm)?$")


@dataclass(frozen=True)
class _Day:
    day: date
    rank: int = 0   # 0 a date, 1 a weekday, 2 a habit ("Tuesdays"): the lowest rank said wins


_Item = Union[str, _Day]
_Window = Tuple[datetime, datetime, Optional[datetime]]


# --- entry point ------------------------------------------------------------------------------

def understand_when(text: str, now: datetime) -> WhenWanted:
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    now = now.astimezone(LONDON)

    flexible, tokens = _strip_flexible(_tokens(text))
    items, period = _days(tokens, now.date())
    found = _day_window(items, now)
    if found is None and period is not None:
        found = (*period, None)
    if found is None:
        found = _time_window(items, now, None)
    if found is not None:
        return WhenWanted(*found, True)
    if flexible:
        return WhenWanted(now, now + OPEN_WINDOW, None, True)
    return WhenWanted(now, now, None, False)


def _day_window(items: List[_Item], now: datetime) -> Optional[_Window]:
    """The window when a day was named, or None."""
    said = [(n, i) for n, i in enumerate(items) if isinstance(i, _Day)]
    if not said:
        return None
    best = min(d.rank for _, d in said)
    said = [(n, d) for n, d in said if d.rank == best]
    at, first = said[0]
    others = [(n, d) for n, d in said if d != first]
    between = set(items[at + 1:others[0][0]]) if others else set()
    if between & _RANGE_WORDS or ("and" in between and "between" in items[:at]):   # "Tuesday to Thursday"
        return _local(first.day), _local(others[0][1].day + timedelta(days=1)), None
    before = [i for i in items[:at] if i not in ("on", "the", "next", "this", "coming")]
    if before and before[-1] == "after":                     # "after Tuesday"
        start = _local(first.day + timedelta(days=1))
        return start, start + OPEN_WINDOW, None
    if before and before[-1] == "before":                    # "before Friday"
        return now, _local(first.day), None
    if before and before[-1] in ("by", "until", "till"):      # "by Friday"
        return now, _local(first.day + timedelta(days=1)), None
    rest = [i for n, i in enumerate(items) if not isinstance(i, _Day) or n == at]
    return _time_window(rest, now, first.day) or (_local(first.day), _local(first.day + timedelta(days=1)), None)


# --- tokens -----------------------------------------------------------------------------------

def _tokens(text: str) -> List[str]:
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"\b([ap])\.\s?m\b\.?", r"\1m", text)
    text = re.sub(r"o'?\s?clock", " ", text)
    tokens: List[str] = []
    for tok in _TOKEN.findall(text):
        tok = re.sub(r"^(\d+)(?:ish|h)$", r"\1", tok)
        tok = re.sub(r"'s$", "", tok)
        tok = re.sub(r"^(\d{1,2})\.(\d{2})", r"\1:\2", tok)
        if tok in ("am", "pm") and tokens and re.fullmatch(r"\d{1,2}(:\d{2})?", tokens[-1]):
            tokens[-1] += tok
            continue
        tok = _ALIASES.get(tok, tok)
        if tok.isalpha() and len(tok) >= 5 and tok not in _FUZZY_TARGETS and tok not in _HABITS:
            close = difflib.get_close_matches(tok, _FUZZY_TARGETS, n=1, cutoff=0.85)
            tok = close[0] if close else tok
        tokens.append(tok)
    return tokens


def _strip_flexible(tokens: List[str]) -> Tuple[bool, List[str]]:
    found, kept, i = False, [], 0
    while i < len(tokens):
        phrase = next((p for p in _FLEXIBLE if tuple(tokens[i:i + len(p)]) == p), None)
        if phrase:
            found, i = True, i + len(phrase)
        else:
            kept.append(tokens[i])
            i += 1
    return found, kept


# --- days and periods -------------------------------------------------------------------------

def _days(tokens: List[str], today: date) -> Tuple[List[_Item], Optional[Tuple[datetime, datetime]]]:
    """Replace every day the resident names by a _Day; also return a week/weekend/month they name."""
    next_monday = today + timedelta(days=7 - today.weekday())
    out: List[_Item] = []
    period: Optional[Tuple[datetime, datetime]] = None
    n = len(tokens)

    def at(i: int) -> str:
        return tokens[i] if 0 <= i < n else ""

    i = 0
    while i < n:
        tok = tokens[i]
        if (tok, at(i + 1)) == ("first", "thing"):
            out += ["early", "morning"]
            i += 2
        elif (tok, at(i + 1), at(i + 2)) == ("day", "after", "tomorrow"):
            out.append(_Day(today + timedelta(days=2)))
            i += 3
        elif tok in ("today", "tomorrow", "tonight", "yesterday"):
            out.append(_Day(today + timedelta(days={"tomorrow": 1, "yesterday": -1}.get(tok, 0))))
            if tok == "tonight":
                out.append("evening")
            i += 1
        elif tok == "this" and at(i + 1) in _PODS:
            out += [_Day(today), at(i + 1)]
            i += 2
        elif tok in _WEEKDAYS and not (tok in ("sat", "sun") and at(i - 1) in _PRONOUNS):
            day, used = _weekday(tokens, i, today, next_monday)
            out.append(_Day(day, rank=1))
            i += used
        elif tok in _HABITS:
            out.append(_Day(today + timedelta(days=(_HABITS[tok] - today.weekday()) % 7 or 7), rank=2))
            i += 1
        elif tok in ("next", "this") and at(i + 1) in ("week", "weekend"):
            period = _week(today, next_monday, this=tok == "this", weekend=at(i + 1) == "weekend")
            i += 2
        elif tok == "weekend":
            period = _week(today, next_monday, this=True, weekend=True)
            i += 1
        elif _NUM_DATE.match(tok):
            day = _numeric_date(tok, today)
            if day:
                out.append(_Day(day))
            i += 1
        else:
            found = _day_of_month(tokens, i, today)
            if found:
                out.append(_Day(found[0]))
                i += found[1]
            elif tok in _MONTH_ALONE:
                period = period or _month(_MONTHS[tok], int(at(i + 1)) if re.fullmatch(r"20\d\d", at(i + 1))
                                          else None, today)
                i += 1
            else:
                out.append(tok)
                i += 1
    return out, period


def _weekday(tokens: List[str], i: int, today: date, next_monday: date) -> Tuple[date, int]:
    """The date meant by the weekday at tokens[i], and how many tokens it used."""
    dow = _WEEKDAYS[tokens[i]]
    after = tokens[i + 1:i + 3]
    if after == ["next", "week"]:
        return next_monday + timedelta(days=dow), 3
    if tokens[max(0, i - 2):i] == ["next", "week"]:
        return next_monday + timedelta(days=dow), 1
    first = today + timedelta(days=(dow - today.weekday()) % 7 or 7)
    if after[:1] == ["week"]:                                 # "Tuesday week"
        return first + timedelta(days=7), 2
    return first, 1


def _week(today: date, next_monday: date, this: bool, weekend: bool) -> Tuple[datetime, datetime]:
    if not weekend:
        start = today if this else next_monday
        return _local(start), _local(next_monday + timedelta(days=0 if this else 7))
    saturday = next_monday - timedelta(days=2) if this else next_monday + timedelta(days=5)
    return _local(saturday), _local(saturday + timedelta(days=2))


def _month(month: int, year: Optional[int], today: date) -> Tuple[datetime, datetime]:
    year = year or (today.year if month >= today.month else today.year + 1)
    return _local(date(year, month, 1)), _local(date(year + (month == 12), month % 12 + 1, 1))


def _numeric_date(tok: str, today: date) -> Optional[date]:
    """UK day-first "14/12", "14/12/26", "14.12.2026"; month-first only when day-first is impossible."""
    m = _NUM_DATE.match(tok)
    assert m
    a, b = int(m.group(1)), int(m.group(2))
    year = int(m.group(3)) if m.group(3) else None
    if year is not None and year < 100:
        year += 2000
    for day, month in ((a, b), (b, a)):
        found = _next_date(day, month, today) if year is None else _valid(year, month, day)
        if found:
            return found
    return None


def _day_of_month(tokens: List[str], i: int, today: date) -> Optional[Tuple[date, int]]:
    """'the 14th', 'the 14', 'the third', '14th (of) March (2027)', 'March 14(th)': (date, tokens used)."""
    def token(j: int) -> str:
        return tokens[j] if j < len(tokens) else ""

    def dom(j: int) -> Optional[Tuple[int, int]]:
        """Day of month at tokens[j:] and how many tokens it takes."""
        tok = token(j)
        m = _ORDINAL_NUM.match(tok)
        if m:
            return int(m.group(1)), 1
        if tok.isdigit() and len(tok) <= 2:
            return int(tok), 1
        if tok in ("twenty", "thirty") and token(j + 1) in _ORDINAL_UNITS:
            return (20 if tok == "twenty" else 30) + _ORDINAL_UNITS[token(j + 1)], 2
        if tok in _ORDINALS:
            return _ORDINALS[tok], 1
        return None

    def month_at(j: int) -> Optional[Tuple[int, int]]:
        """Month (after an optional 'of') at tokens[j:], and how many tokens it takes."""
        skip = token(j) == "of"
        return (_MONTHS[token(j + skip)], skip + 1) if token(j + skip) in _MONTHS else None

    tok = tokens[i]
    if tok in _MONTHS:                                        # "March 14(th) (2027)"
        d = dom(i + 1)
        if not d:
            return None
        day, month, used = d[0], _MONTHS[tok], 1 + d[1]
    else:
        the = tok == "the"
        d = dom(i + the)
        if not d:
            return None
        day, used = d[0], the + d[1]
        m = month_at(i + used)
        if not m:                                             # "the 14th", "14th", "the 14", "the third"
            if not (the or _ORDINAL_NUM.match(tok)):          # but not "5" or "second" on their own
                return None
            found = _next_day_of_month(day, today)
            return (found, used) if found else None
        month, used = m[0], used + m[1]
    if re.fullmatch(r"20\d\d", token(i + used)):
        found = _valid(int(token(i + used)), month, day)
        return (found, used + 1) if found else None
    found = _next_date(day, month, today)
    return (found, used) if found else None


def _valid(year: int, month: int, day: int) -> Optional[date]:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _next_date(day: int, month: int, today: date) -> Optional[date]:
    """The first day/month on or after today (29 Feb: the next leap year)."""
    for year in range(today.year, today.year + 9):
        found = _valid(year, month, day)
        if found and found >= today:
            return found
    return None


def _next_day_of_month(day: int, today: date) -> Optional[date]:
    """The first `day`-th on or after today, skipping months too short to have one."""
    year, month = today.year, today.month
    for _ in range(13):
        found = _valid(year, month, day)
        if found and found >= today:
            return found
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _local(day: date, minutes: int = 0) -> datetime:
    """Local wall-clock time `minutes` after the midnight starting `day`, as a real Europe/London instant
    (a time skipped when the clocks go forward comes out an hour later)."""
    wall = datetime.combine(day, time()) + timedelta(minutes=minutes)
    return wall.replace(tzinfo=LONDON).astimezone(timezone.utc).astimezone(LONDON)


# --- time of day ------------------------------------------------------------------------------

def _time_window(items: List[_Item], now: datetime, day: Optional[date]) -> Optional[_Window]:
    """The time of day said, on `day` (or the next such time if no day was said), via ctparse."""
    words = _clock_words(items)
    if not any(_CLOCK.match(w) or w in _PODS for w in words):
        return None
    parsed = ctparse(" ".join(words), ts=now.replace(tzinfo=None), timeout=_CTPARSE_TIMEOUT_SECONDS,
                     latent_time=False)
    res = parsed.resolution if parsed else None
    if isinstance(res, Time):
        return _clock_window(res, now, day)
    if isinstance(res, Interval):
        start = _clock_window(res.t_from, now, day) if res.t_from else None
        end = _clock_window(res.t_to, now, start[0].date() if start else day) if res.t_to else None
        if start and end:                                     # "between 2 and 4"
            return start[0], end[2] or end[1], None
        if start:                                             # "after 5"
            return start[0], _local(start[0].date() + timedelta(days=1)), None
        if end:                                               # "before 3"
            return _local(end[0].date()), end[2] or end[1], None
    return None


def _clock_words(items: List[_Item]) -> List[str]:
    """The time-of-day words, with every hour made unambiguous for ctparse ("after 5" → "after 5:00pm")."""
    said = {i for i in items if isinstance(i, str)}
    half_day = "am" if said & {"morning", "early"} else "pm" if said & {"afternoon", "evening", "night"} else None
    ranged = bool(said & {"from", "between"})
    words: List[str] = []
    for n, item in enumerate(items):
        prev = items[n - 1] if n else None
        nxt = items[n + 1] if n + 1 < len(items) else ""
        if isinstance(item, _Day):
            continue
        hourish = isinstance(prev, _Day) or prev in _HOUR_CONTEXT or prev in _PODS
        if item == "half" and isinstance(nxt, str) and _hour(nxt):                   # UK "half 2" = 2:30
            continue                                          # the hour after it gets the :30
        if _hour(item) and (hourish or ":" in item or item.endswith(("am", "pm"))):
            words.append(_office_hour(item, half_day, half=prev == "half"))
        elif item == "noon" and prev in _HOUR_CONTEXT:        # "at noon" is a time, "lunchtime" a window
            words.append("12:00pm")
        elif item in ("until", "till", "by"):
            words.append("to" if ranged else "before")
        elif item in _TIME_WORDS:
            words.append(item)
    return words


def _hour(tok: str) -> Optional[Tuple[int, int, str]]:
    """(hour, minute, "am"/"pm"/"") when tok can be a clock time: "5", "five", "5:30", "1700", "5pm"."""
    if tok in _NUMBER_WORDS:
        return _NUMBER_WORDS[tok], 0, ""
    m = _CLOCK.match(tok)
    if not m or (len(tok) == 4 and tok.isdigit() and tok[:2] in ("19", "20")):   # a year
        return None
    hour, minute, suffix = int(m.group(1)), int(m.group(2) or 0), m.group(3) or ""
    if hour > 23 or minute > 59 or (suffix and not 1 <= hour <= 12):
        return None
    return hour, minute, suffix


def _office_hour(tok: str, half_day: Optional[str], half: bool) -> str:
    found = _hour(tok)
    assert found
    hour, minute, suffix = found
    minute = 30 if half else minute
    if not suffix and 1 <= hour <= 12:
        suffix = "pm" if hour == 12 else half_day or ("pm" if hour <= 7 else "am")
    return f"{hour}:{minute:02d}{suffix}"


def _clock_window(t: Time, now: datetime, day: Optional[date]) -> Optional[_Window]:
    """A ctparse clock time or part of day on `day`; without a day, the next one that has not passed.
    Any date ctparse attached itself is ignored (it was never given one)."""
    today = now.date()
    if t.hour is not None:
        minutes = t.hour * 60 + (t.minute or 0)
        day = day or (today if _local(today, minutes) > now else today + timedelta(days=1))
        exact = _local(day, minutes)
        return exact, exact, exact
    if t.POD is not None:
        start, end = _pod_minutes(t.POD)
        day = day or (today if _local(today, end) > now else today + timedelta(days=1))
        return _local(day, start), _local(day, end), None
    return None


def _pod_minutes(pod: str) -> Tuple[int, int]:
    """ctparse's part of day ("morning", "earlyevening", "latemorning", ...) as local minutes."""
    pod = pod.replace("very", "")
    half = ""
    while pod not in _POD_MINUTES:
        modifier = next((m for m in ("early", "late") if pod.startswith(m)), None)
        if modifier is None:
            break
        half, pod = half or modifier, pod[len(modifier):]
    start, end = _POD_MINUTES.get(pod, (0, 24 * 60))
    middle = (start + end) // 2
    return {"early": (start, middle), "late": (middle, end)}.get(half, (start, end))
