"""The details of an appointment in a resident's own words: a phone number or email, a name, the
reason, a visit at home, access needs, an interpreter, a booking reference, "stop".

Pure functions over text; the words they listen for are data (data/appointments/conversation.yml).
Phone numbers are found by `phonenumbers`, emails checked by `email_validator`, days and times
are bot.appointments.when's.
"""
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import List, Optional, Tuple

import phonenumbers
import yaml

from bot import paths
from bot.referrals.contact import email_address, phone_number

WORDS_FILE = paths.DATA / "appointments" / "conversation.yml"
MAX_REASON = 300
MAX_NAME = 60
MAX_NEED = 200
_EMAIL = re.compile(r"[^\s@,;:<>()\"']+@[^\s@,;:<>()\"']+\.[^\s@,;:<>()\"'.]+")
_REFERENCE = re.compile(r"\bAPT[\s\-/]*(\d{2})[\s\-/]*(\d{1,6})\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.,;!?\n()]")


@dataclass(frozen=True)
class Words:
    name_cues: Tuple[str, ...]
    answer_name_cues: Tuple[str, ...]
    name_stops: frozenset
    not_names: frozenset
    reason_cues: Tuple[str, ...]
    reason_keep_cues: Tuple[str, ...]
    reason_stops: Tuple[str, ...]
    reason_pointers: frozenset
    home_phrases: Tuple[str, ...]
    other_station_phrases: Tuple[str, ...]
    stop_phrases: frozenset
    change_phrases: frozenset
    access_words: Tuple[str, ...]
    interpreter_words: Tuple[str, ...]
    languages: Tuple[str, ...]
    language_aliases: dict
    change_fields: dict
    offer_ordinals: dict
    offer_fillers: frozenset


@lru_cache(maxsize=None)
def words(path: Path = WORDS_FILE) -> Words:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    longest_first = lambda key: tuple(sorted((plain(p) for p in data[key]), key=len, reverse=True))  # noqa: E731
    return Words(
        name_cues=longest_first("name_cues"), answer_name_cues=longest_first("answer_name_cues"),
        name_stops=frozenset(plain(w) for w in data["name_stops"]), not_names=frozenset(plain(w) for w in data["not_names"]),
        reason_cues=longest_first("reason_cues"), reason_keep_cues=longest_first("reason_keep_cues"),
        reason_stops=longest_first("reason_stops"), reason_pointers=frozenset(plain(p) for p in data["reason_pointers"]),
        home_phrases=longest_first("home_phrases"), other_station_phrases=longest_first("other_station_phrases"),
        stop_phrases=frozenset(plain(p) for p in data["stop_phrases"]),
        change_phrases=frozenset(plain(p) for p in data["change_phrases"]),
        access_words=longest_first("access_words"), interpreter_words=longest_first("interpreter_words"),
        languages=tuple(data["languages"]), language_aliases={plain(k): v for k, v in data["language_aliases"].items()},
        change_fields={plain(p): field for field, phrases in data["change_fields"].items() for p in phrases},
        offer_ordinals={plain(str(k)): int(v) for k, v in data["offer_ordinals"].items()},
        offer_fillers=frozenset(plain(w) for w in data["offer_fillers"]))


def plain(text: str) -> str:
    """Lower case, straight apostrophes dropped, runs of spaces collapsed."""
    text = text.lower().replace("\u2019", "'").replace("'", "")
    return " ".join(text.split())


def _has(phrase: str, text: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text) is not None


# --- contact ------------------------------------------------------------------------------------

def contact_in(text: str) -> Optional[Tuple[str, str]]:
    """("email", address) or ("phone", E.164 number) from anywhere in the text, else None."""
    for candidate in _EMAIL.findall(text):
        address = email_address(candidate)
        if address:
            return "email", address
    for match in _phone_matches(_REFERENCE.sub(" ", text)):
        return "phone", phone_number(match.raw_string)
    return None


def _phone_matches(text: str) -> List[phonenumbers.PhoneNumberMatch]:
    """Numbers of a full possible length ("26 123" in a reference is not one)."""
    found = phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE)
    return [match for match in found if phone_number(match.raw_string)]


def without_contact(text: str) -> str:
    """The text with any email address and phone number taken out (so "07911 123456" is not a time)."""
    text = _REFERENCE.sub(" ", _EMAIL.sub(" ", text))
    for match in reversed(_phone_matches(text)):
        text = text[:match.start] + " " + text[match.end:]
    return text


def reference_in(text: str) -> Optional[str]:
    """A booking reference, typed loosely ("apt 26 123", "APT-26-000123"), in its proper form."""
    match = _REFERENCE.search(text)
    return f"APT-{match.group(1)}-{int(match.group(2)):06d}" if match else None


# --- name -----------------------------------------------------------------------------------------

def name_in(text: str, answering: bool = False) -> Optional[str]:
    """A name after a cue ("my name is Sam Khan"); when the bot has just asked, the answer itself."""
    text = without_contact(text)
    lowered = text.lower().replace("\u2019", "'")
    cues = words().answer_name_cues if answering else words().name_cues
    for cue in cues:
        for match in re.finditer(rf"(?<![\w-]){re.escape(cue)}(?![\w-])", lowered.replace("'", "")):
            name = _name_after(_unapostrophised_offset(text, match.end()), text)
            if name:
                return name
    return _name_after(0, text) if answering else None


def _unapostrophised_offset(text: str, offset: int) -> int:
    """`offset` counts characters of the text without apostrophes; the same place in `text`."""
    seen = 0
    for index, char in enumerate(text):
        if seen == offset:
            return index
        if char not in "'\u2019":
            seen += 1
    return len(text)


def _name_after(start: int, text: str) -> Optional[str]:
    parts: List[str] = []
    for token in re.split(r"\s+", text[start:].strip()):
        word = token.strip(".,;:!?\"()")
        if not word or plain(word) in words().name_stops or not re.fullmatch(r"[^\W\d_]+(?:['\u2019.-][^\W\d_]+)*\.?", word):
            break
        parts.append(word)
        if token != word and token.rstrip(".").endswith((",", ";", ":", "!", "?")):
            break
        if len(parts) == 4:
            break
    name = " ".join(parts)
    if not parts or plain(parts[0]) in words().not_names or len(name) > MAX_NAME or len(name) < 2:
        return None
    return name.title() if name.islower() or name.isupper() else name


# --- reason ---------------------------------------------------------------------------------------

def reason_in(text: str) -> Optional[str]:
    """The reason after a cue: "... about my stolen bike, next Tuesday" -> "my stolen bike"."""
    text = without_contact(text)
    lowered = text.lower().replace("\u2019", "'")
    found = []
    for cue, keep in [(c, False) for c in words().reason_cues] + [(c, True) for c in words().reason_keep_cues]:
        match = re.search(rf"(?<![\w-]){re.escape(cue)}(?![\w-])", lowered)
        if match:
            found.append((match.start(), match.start() if keep else match.end()))
    for _, start in sorted(found):
        reason = _clause(text, start)
        if reason:
            return reason
    return None


def _clause(text: str, start: int) -> Optional[str]:
    rest = text[start:]
    end = _CLAUSE_END.search(rest)
    rest = rest[:end.start()] if end else rest
    lowered = rest.lower().replace("\u2019", "'")
    cut = len(rest)
    for stop in words().reason_stops:
        match = re.search(rf"(?<=\s){re.escape(stop)}(?![\w-])", lowered)
        if match and match.start() > 0:
            cut = min(cut, match.start())
    reason = rest[:cut].strip(" -:")
    return reason[:MAX_REASON] if len(reason) >= 3 and plain(reason) not in words().reason_pointers else None


def points_back(text: str) -> bool:
    """'about it', 'about this': the reason is what the resident said before."""
    match = re.search(r"\babout (.+)$", plain(text))
    return bool(match) and match.group(1).strip(" .!?") in words().reason_pointers


def reason_answer(text: str) -> Optional[str]:
    """The whole answer to "what is it about?", trimmed."""
    reason = " ".join(text.split())
    return reason[:MAX_REASON] if len(reason) >= 2 else None


# --- where ----------------------------------------------------------------------------------------

def wants_home_visit(text: str) -> bool:
    lowered = plain(text)
    return any(_has(phrase, lowered) for phrase in words().home_phrases) and "station" not in lowered


def wants_other_station(text: str) -> bool:
    lowered = plain(text)
    return any(_has(phrase, lowered) for phrase in words().other_station_phrases)


# --- access and language --------------------------------------------------------------------------

def access_needs_in(text: str) -> Optional[str]:
    for sentence in re.split(r"(?<=[.!?;\n])\s*", without_contact(text)):
        lowered = plain(sentence)
        if any(_has(word, lowered) for word in words().access_words):
            return " ".join(sentence.split())[:MAX_NEED] or None
    return None


def interpreter_in(text: str) -> Optional[str]:
    """The language an interpreter is needed for; "not said" when they only ask for one."""
    lowered = plain(text)
    if not any(_has(word, lowered) for word in words().interpreter_words):
        return None
    for language in sorted(words().languages, key=len, reverse=True):
        if _has(plain(language), lowered):
            return language
    for alias, language in words().language_aliases.items():
        if _has(alias, lowered):
            return language
    return "not said"


# --- stopping and changing ------------------------------------------------------------------------

def _bare(text: str) -> str:
    return re.sub(r"[^a-z ]+", "", plain(text)).strip()


def is_stop(text: str) -> bool:
    return _bare(text) in words().stop_phrases


def asks_to_change(text: str) -> bool:
    return _bare(text) in words().change_phrases


def field_to_change(text: str) -> Optional[str]:
    """'the time' -> 'slot', 'my number' -> 'contact': what to ask again after "what to change?"."""
    bare = re.sub(r"^(?:change |the |my |a |its |it is )+", "", _bare(text))
    return words().change_fields.get(bare) or words().change_fields.get(_bare(text))


def offer_picked(text: str, offered: int) -> Optional[int]:
    """The index of the offered time picked by its place ("the first one is fine" -> 0), or None.
    Only a message that says nothing else counts: "one on Tuesday" is a time, not a pick."""
    tokens = re.sub(r"[^a-z0-9 ]+", " ", plain(text)).split()
    picks = [words().offer_ordinals[t] for t in tokens if t in words().offer_ordinals and t != "one"]
    picks = picks or [1 for t in tokens if t == "one"]
    if len(picks) != 1 or any(t not in words().offer_ordinals and t not in words().offer_fillers for t in tokens):
        return None
    index = picks[0] - 1 if picks[0] > 0 else offered - 1
    return index if 0 <= index < offered else None
