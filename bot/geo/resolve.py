"""From the places and postcodes a resident mentioned to a district, a question, or another force."""
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from bot.geo.gazetteer import OUTSIDE, Gazetteer
from bot.geo.matching import Mention

MAX_CHOICES = 4


@dataclass(frozen=True)
class Location:
    """district: a slug, OUTSIDE, or None. candidates: districts to ask about when unsure."""
    district: Optional[str] = None
    candidates: Tuple[str, ...] = ()
    force: Optional[str] = None         # for OUTSIDE: the force that covers it, when known
    place: Optional[str] = None         # the most specific place name that decided it
    postcode: Optional[str] = None

    @property
    def found(self) -> bool:
        return self.district is not None

    @property
    def needs_choice(self) -> bool:
        return self.district is None and len(self.candidates) > 1


def resolve(mentions: Sequence[Mention], gazetteer: Gazetteer) -> Location:
    said_where = [m for m in mentions if not m.home]
    where = said_where or list(mentions)
    if said_where and _outside_first(where):
        return _outside(where, gazetteer, None)
    places = [m for m in where if m.place and m.place.force is None]
    codes = [m for m in where if m.postcode and m.postcode.outward in gazetteer.outcodes]
    postcode = next((str(m.postcode) for m in where if m.postcode), None)
    if places:
        return _by_places(places, codes, gazetteer, postcode)
    if codes and not _across_the_border(where, codes, gazetteer):
        return _by_postcodes(codes, gazetteer, postcode)
    return _outside(where, gazetteer, postcode)


def _by_places(places: List[Mention], codes: List[Mention], gazetteer: Gazetteer, postcode) -> Location:
    candidates = _intersection([m.place.districts for m in places])
    by_code = _intersection([gazetteer.outcodes[m.postcode.outward].districts for m in codes])
    if by_code and set(candidates) & set(by_code):
        candidates = tuple(d for d in candidates if d in by_code)
    if not candidates:       # places in different districts
        candidates = _union([m.place.districts for m in places])
    named = [m.place.name for m in reversed(places) if set(candidates) <= set(m.place.districts)]
    return _decided_or_ask(candidates, named[0] if named else places[-1].place.name, postcode)


def _by_postcodes(codes: List[Mention], gazetteer: Gazetteer, postcode) -> Location:
    outcodes = [gazetteer.outcodes[m.postcode.outward] for m in codes]
    if all(o.outside for o in outcodes):
        return Location(OUTSIDE, force=outcodes[0].outside, postcode=postcode)
    candidates = _intersection([o.districts for o in outcodes]) or _union([o.districts for o in outcodes])
    return _decided_or_ask(candidates, None, postcode)


def _outside_first(where: Sequence[Mention]) -> bool:
    """The first place named is over the border, and a Hertfordshire one only follows it."""
    first = where[0] if where else None
    herts_after = any(m.place and m.place.force is None for m in where[1:])
    return bool(first and first.place and first.place.force and herts_after)


def _across_the_border(where: Sequence[Mention], codes: List[Mention], gazetteer: Gazetteer) -> bool:
    """A Hertfordshire postcode that reaches over the border, with a place on the other side."""
    forces = {f for m in codes for f in (gazetteer.outcodes[m.postcode.outward].border,
                                         gazetteer.outcodes[m.postcode.outward].outside) if f}
    return any(m.place and m.place.force in forces for m in where)


def _outside(where: Sequence[Mention], gazetteer: Gazetteer, postcode) -> Location:
    for mention in where:
        if mention.place is not None:
            return Location(OUTSIDE, force=mention.place.force, place=mention.place.name, postcode=postcode)
        if mention.postcode is not None:
            return Location(OUTSIDE, force=gazetteer.force_for_outcode(mention.postcode.outward), postcode=postcode)
    return Location()


def _decided_or_ask(candidates: Tuple[str, ...], place: Optional[str], postcode) -> Location:
    if len(candidates) == 1:
        return Location(candidates[0], place=place, postcode=postcode)
    return Location(candidates=candidates[:MAX_CHOICES], place=place, postcode=postcode)


def _intersection(sets: Sequence[Tuple[str, ...]]) -> Tuple[str, ...]:
    if not sets:
        return ()
    return tuple(d for d in sets[0] if all(d in s for s in sets[1:]))


def _union(sets: Sequence[Tuple[str, ...]]) -> Tuple[str, ...]:
    return tuple(dict.fromkeys(d for s in sets for d in s))
