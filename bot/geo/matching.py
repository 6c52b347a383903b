"""Find places and postcodes in a resident's own words.

Names match on whole words in any case, with or without full stops and apostrophes, longest name
first ("London Colney" is not London). Misspellings of longer names ("hitchen", "borehamwod") are
matched by edit similarity (rapidfuzz), but only for words that are not everyday English.
"""
import re
from dataclasses import dataclass
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
FUZZY_MIN_LENGTH = 6
FUZZY_MIN_SCORE = 85
# A name used as a street ("luton road", "hatfield rd") is not that place.
STREET_WORDS = frozenset("road rd street avenue ave lane ln way close drive crescent grove gardens "
                         "terrace parade walk".split())
# Words before a place that say "where" ("in reed"); word-like names need one, or a capital.
PLACE_CUES = frozenset("in at near nr from round around outside by to into towards past off".split())
# Words before a place that say it is home, not necessarily where it happened.
HOME_CUES = frozenset("live lives living moved from".split())
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
                                           if len(key.replace(" ", "")) >= FUZZY_MIN_LENGTH}

    def find(self, text: str) -> List[Mention]:
        words = [_Word(normalise(m.group()), m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        found = self._postcodes(text)
        taken = {i for i, w in enumerate(words) if any(m.start <= w.start < m.end for m in found)}
        found += self._places(text, words, taken)
        return sorted(found, key=lambda m: m.start)

    def _postcodes(self, text: str) -> List[Mention]:
        mentions = []
        for match in postcodes.IN_TEXT.finditer(text):
            code = postcodes.parse(match.group())
            if code and self._known(code, text, match.start()):
                mentions.append(Mention(match.start(), match.end(), match.group(), postcode=code,
                                        home=_after_home_cue(text[:match.start()])))
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
            size, place = (0, None) if i in taken else self._longest(words, i)
            if place is not None and self._counts(words, i, size, place):
                first, last = words[i], words[i + size - 1]
                mentions.append(Mention(first.start, last.end, text[first.start:last.end], place=place,
                                        home=_home(words, i)))
            i += max(size, 1)
        return mentions

    def _longest(self, words: Sequence[_Word], i: int) -> Tuple[int, Optional[Place]]:
        for size in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
            place = self.gazetteer.places.get(" ".join(w.norm for w in words[i:i + size]))
            if place is not None:
                return size, place
        return 1, self._fuzzy(words[i].norm)

    def _fuzzy(self, word: str) -> Optional[Place]:
        if len(word) < FUZZY_MIN_LENGTH or word in self.vocabulary or not word.isalpha():
            return None
        best = process.extractOne(word, self.squashed.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE)
        if best is None or best[0][0] != word[0]:
            return None
        place = self.squashed[best[0]]
        return None if place.key in self.gazetteer.word_like else place

    def _counts(self, words: Sequence[_Word], i: int, size: int, place: Place) -> bool:
        after = words[i + size].norm if i + size < len(words) else ""
        if after in STREET_WORDS:
            return False
        if place.key not in self.gazetteer.word_like:
            return True
        before = words[i - 1].norm if i else ""
        return before in PLACE_CUES or after in PLACE_NOUNS or (i > 0 and words[i].text[:1].isupper())


def _home(words: Sequence[_Word], i: int) -> bool:
    return any(w.norm in HOME_CUES for w in words[max(0, i - 3):i])


def _after_home_cue(before: str) -> bool:
    return bool(re.search(r"\b(live|lives|living|moved|from)\b\W+(\w+\W+){0,2}$", before, re.IGNORECASE))


@lru_cache(maxsize=None)
def english_words() -> FrozenSet[str]:
    """Everyday English words (spaCy's lemma tables): never fuzzy-matched to a place."""
    table = srsly.read_gzip_json(Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_lookup.json.gz")
    return frozenset(w.lower() for pair in table.items() for w in pair)


@lru_cache(maxsize=None)
def finder() -> PlaceFinder:
    from bot.geo import gazetteer
    return PlaceFinder(gazetteer.load(), english_words())
