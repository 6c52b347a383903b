"""Find places and postcodes in a resident's own words.

Names match on whole words in any case, with or without full stops and apostrophes, longest name
first ("London Colney" is not London). Misspellings of longer names ("hitchen", "borehamwod") are
matched by edit similarity (rapidfuzz), but only for words that are not everyday English.
"""
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

import spacy_lookups_data
import srsly
from rapidfuzz import fuzz, process

from bot.geo import postcodes
from bot.geo.gazetteer import Gazetteer, Place
from bot.geo.names import normalise

MAX_NAME_WORDS = 6
FUZZY_MIN_LENGTH = 6        # of the word the resident wrote
FUZZY_NAME_MIN_LENGTH = 5   # of the name it may be a slip of ("hemmel" -> "hemel")
FUZZY_MIN_SCORE = 85
# Words more frequent than this (natural log of their share of written English) are everyday words;
# place names sit far below it (hitchin -19), slips are not in the table at all.
EVERYDAY_LOG_PROB = -16
# A name used as a street ("luton road", "hatfield rd") is not that place.
STREET_WORDS = frozenset("road rd street avenue ave lane ln way close drive crescent grove gardens "
                         "terrace parade walk".split())
# Words before a place that say "where" ("in reed"); word-like names need one, or a capital.
PLACE_CUES = frozenset("in at near nr from round around outside by to into towards past off".split())
# Words shortly before a place, in the same clause, that say it is home, work, school or somewhere
# it did not happen ("we live in watford", "on our way home to bushey", "not hatfield").
HOME_CUES = frozenset("live lives living lived moved from home work works working school college not".split())
HOME_AFTER = re.compile(r"^\W*(?:is|was|'s)\s+where\s+(?:i|we|they|he|she|my \w+)\s+(?:live|lives|work|works)\b",
                        re.IGNORECASE)
CLAUSE_END = re.compile(r"[.,;:!?()\n]")
HOME_CUE_WINDOW = 6
# Words that start a new clause: a cue before one does not reach past it ("from ware but ... in harlow").
CLAUSE_WORDS = frozenset("but and though although while whereas".split())
# A word before a name that makes it a person's ("my son Royston", "Mrs Weston", "a man called Reed").
PERSON_CUES = frozenset("mr mrs ms miss dr son daughter called named dad mum stepdad stepmum brother sister "
                        "colleague friend mate partner landlord landlady teacher boss husband wife uncle aunt "
                        "nan grandad cousin boyfriend girlfriend neighbour".split())
# Words after a word-like name that make it a place ("reed village").
PLACE_NOUNS = frozenset("village town estate area centre center".split())
# Bare outward codes beyond these areas are too easily something else ("b4", "m25", "e1"...).
NEARBY_AREAS = frozenset("AL CB CM EN HA HP IG LU MK N NW SG UB WD".split())
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.][A-Za-z]+)*")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    place: Optional[Place] = None
    postcode: Optional[postcodes.Postcode] = None
    home: bool = False


@dataclass(frozen=True)
class _Word:
    norm: str
    start: int
    end: int
    text: str


class PlaceFinder:
    def __init__(self, gazetteer: Gazetteer, vocabulary: FrozenSet[str]):
        self.gazetteer = gazetteer
        self.vocabulary = vocabulary
        self.squashed: Dict[str, Place] = {key.replace(" ", ""): place for key, place in gazetteer.places.items()
                                           if len(key.replace(" ", "")) >= FUZZY_NAME_MIN_LENGTH}

    def find(self, text: str) -> List[Mention]:
        words = [_Word(normalise(m.group()), m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        found = self._postcodes(text)
        taken = {i for i, w in enumerate(words) if any(m.start <= w.start < m.end for m in found)}
        found = sorted(found + self._places(text, words, taken), key=lambda m: m.start)
        marked: List[Mention] = []
        for m in found:
            previous = marked[-1] if marked else None
            if previous and re.fullmatch(r"[\s,(-]*", text[previous.end:m.start]):
                marked.append(replace(m, home=previous.home))     # "gilston CM20": one place, said once
            else:
                marked.append(replace(m, home=_aside(text, m.start, m.end, previous.end if previous else 0)))
        return marked

    def _postcodes(self, text: str) -> List[Mention]:
        mentions = []
        for match in postcodes.IN_TEXT.finditer(text):
            code = postcodes.parse(match.group())
            if code and self._known(code, text, match.start()):
                mentions.append(Mention(match.start(), match.end(), match.group(), postcode=code))
        return mentions

    def _known(self, code: postcodes.Postcode, text: str, start: int) -> bool:
        if code.outward not in self.gazetteer.outcodes and code.outward not in self.gazetteer.uk_outcodes:
            return False
        said_postcode = re.search(r"post\s*code\W*$", text[:start], re.IGNORECASE)
        return bool(code.inward) or code.outward in self.gazetteer.outcodes or (
            code.area in NEARBY_AREAS) or bool(said_postcode)

    def _places(self, text: str, words: Sequence[_Word], taken) -> List[Mention]:
        mentions, i = [], 0
        while i < len(words):
            size, place = (0, None) if i in taken else self._longest(text, words, i)
            if place is not None and self._counts(text, words, i, size, place):
                first, last = words[i], words[i + size - 1]
                mentions.append(Mention(first.start, last.end, text[first.start:last.end], place=place))
            i += max(size, 1)
        return mentions

    def _longest(self, text: str, words: Sequence[_Word], i: int) -> Tuple[int, Optional[Place]]:
        for size in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
            place = self.gazetteer.places.get(" ".join(w.norm for w in words[i:i + size]))
            if place is not None:
                return size, place
        if i + 1 < len(words) and not _across_punctuation(text, words[i], words[i + 1]):
            pair = self._fuzzy(words[i].norm + words[i + 1].norm, words[i + 1].norm)
            if pair is not None:
                return 2, pair
        return 1, self._fuzzy(words[i].norm, words[i].norm)

    def _fuzzy(self, word: str, unknown: str) -> Optional[Place]:
        """`unknown` is the part that must not be an everyday word ("st albons": "albons")."""
        if len(word) < FUZZY_MIN_LENGTH or unknown in self.vocabulary or not word.isalpha():
            return None
        best = process.extractOne(word, self.squashed.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE)
        if best is None or best[0][0] != word[0]:
            return None
        place = self.squashed[best[0]]
        return None if place.key in self.gazetteer.word_like else place

    def _counts(self, text: str, words: Sequence[_Word], i: int, size: int, place: Place) -> bool:
        after = words[i + size].norm if i + size < len(words) else ""
        before = words[i - 1].norm if i else ""
        if after in STREET_WORDS or before in PERSON_CUES:
            return False
        if place.key not in self.gazetteer.word_like:
            return True
        standing_alone = i == 0 and re.match(r"\s*([,.:;(-]|$)", text[words[i + size - 1].end:])
        return (before in PLACE_CUES or after in PLACE_NOUNS or bool(standing_alone)
                or (i > 0 and words[i].text[:1].isupper()))


def _aside(text: str, start: int, end: int, after: int) -> bool:
    """Said as home, work or school, or as where it did not happen, rather than where it did.

    A cue counts from the end of the clause (or of the place named before this one) onwards.
    """
    clause_start = max([after] + [m.end() for m in CLAUSE_END.finditer(text, 0, start)])
    before = re.findall(r"[a-z]+", text[clause_start:start].lower())[-HOME_CUE_WINDOW:]
    clause_words = [i for i, word in enumerate(before) if word in CLAUSE_WORDS]
    before = before[clause_words[-1] + 1:] if clause_words else before
    return bool(HOME_CUES.intersection(before)) or bool(HOME_AFTER.match(text[end:]))


def _across_punctuation(text: str, first: "_Word", second: "_Word") -> bool:
    return bool(CLAUSE_END.search(text[first.end:second.start]))


@lru_cache(maxsize=None)
def english_words() -> FrozenSet[str]:
    """Everyday written English (spaCy's word-frequency table): never taken for a misspelt place."""
    table = srsly.read_gzip_json(Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz")
    return frozenset(word.lower() for word, log_prob in table.items() if log_prob > EVERYDAY_LOG_PROB)


@lru_cache(maxsize=None)
def finder() -> PlaceFinder:
    from bot.geo import gazetteer
    return PlaceFinder(gazetteer.load(), english_words())
