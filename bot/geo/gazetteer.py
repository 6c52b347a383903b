"""The Hertfordshire gazetteer (data/geography/): districts, places, postcodes, neighbouring forces.

Loaded and validated once. A place resolves to one district, or is marked ambiguous with its
candidate districts; an outward code lists every district it touches.
"""
import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Optional, Tuple

import yaml

from bot import paths
from bot.geo import schema
from bot.geo.names import normalise

DISTRICTS = ("broxbourne", "dacorum", "east_herts", "hertsmere", "north_herts", "st_albans",
             "stevenage", "three_rivers", "watford", "welwyn_hatfield")
OUTSIDE = "outside_hertfordshire"


class GazetteerError(ValueError):
    """The geography data breaks its own rules."""


@dataclass(frozen=True)
class Place:
    name: str
    districts: Tuple[str, ...]          # one, or the candidates of an ambiguous name
    outcode: Optional[str] = None
    force: Optional[str] = None         # set for places outside Hertfordshire

    @property
    def key(self) -> str:
        return normalise(self.name)

    @property
    def ambiguous(self) -> bool:
        return len(self.districts) > 1


@dataclass(frozen=True)
class Outcode:
    code: str
    districts: Tuple[str, ...]
    outside: Optional[str] = None       # the force whose area most of it is in
    border: Optional[str] = None


@dataclass(frozen=True)
class UkOutcode:
    code: str
    latitude: float
    longitude: float
    local_authority: str
    uk_region: str


@dataclass(frozen=True)
class Gazetteer:
    districts: Dict[str, schema.District]
    county_council: schema.CountyCouncil
    places: Dict[str, Place]                  # by every normalised name and alias
    outcodes: Dict[str, Outcode]              # Hertfordshire outward codes
    uk_outcodes: Dict[str, UkOutcode]
    forces: Tuple[schema.Force, ...]
    word_like: FrozenSet[str] = field(default_factory=frozenset)

    def force_for_outcode(self, code: str) -> Optional[str]:
        """The neighbouring force for an outward code outside Hertfordshire, if it is one."""
        row = self.uk_outcodes.get(code)
        if row is None:
            return None
        return next((f.name for f in self.forces
                     if row.local_authority in f.local_authorities or row.uk_region in f.uk_regions), None)

    def coordinates(self, outcode: Optional[str]) -> Optional[Tuple[float, float]]:
        row = self.uk_outcodes.get(outcode or "")
        return (row.latitude, row.longitude) if row else None


@lru_cache(maxsize=None)
def load(folder: Path = paths.GEOGRAPHY) -> Gazetteer:
    raw = schema.GeographyFiles.parse_obj({
        name: yaml.safe_load((folder / f"{name}.yml").read_text(encoding="utf-8"))
        for name in ("districts", "places", "outcodes", "forces")})
    uk_outcodes = _uk_outcodes(folder / "uk_outcodes.csv")
    outcodes = {code: Outcode(code, tuple(o.districts), o.outside, o.border) for code, o in raw.outcodes.outcodes.items()}
    places = _places(raw, outcodes, uk_outcodes)
    gazetteer = Gazetteer(raw.districts.districts, raw.districts.county_council, places, outcodes, uk_outcodes,
                          tuple(raw.forces.forces), frozenset(normalise(n) for n in raw.places.word_like))
    _check(gazetteer)
    return gazetteer


def _uk_outcodes(path: Path) -> Dict[str, UkOutcode]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["outcode"]: UkOutcode(row["outcode"], float(row["latitude"]), float(row["longitude"]),
                                          row["local_authority"], row["uk_region"])
                for row in csv.DictReader(handle)}


def _places(raw: schema.GeographyFiles, outcodes, uk_outcodes) -> Dict[str, Place]:
    places: Dict[str, Place] = {}
    for district, entries in raw.places.districts.items():
        for name, entry in entries.items():
            _add(places, Place(name, (district,), entry.outcode), entry.aliases)
    for name, entry in raw.places.ambiguous.items():
        _add(places, Place(name, tuple(entry.districts), entry.outcode), entry.aliases)
    for district, names in raw.places.district_names.items():
        region = Place(raw.districts.districts[district].name, (district,))
        if region.key in places and places[region.key].districts == region.districts:
            region = places[region.key]      # the district is named after its town
        _add(places, region, names)
    for force in raw.forces.forces:
        for name in force.places:
            if normalise(name) in places:
                raise GazetteerError(f"forces.yml: {name!r} is also a Hertfordshire place")
            _add(places, Place(name, (OUTSIDE,), force=force.name), [])
    for place in set(places.values()):
        if place.outcode and place.outcode not in outcodes and place.outcode not in uk_outcodes:
            raise GazetteerError(f"places.yml: {place.name}: unknown outward code {place.outcode}")
    return places


def _add(places: Dict[str, Place], place: Place, aliases) -> None:
    for spelling in (place.name, *aliases):
        key = normalise(spelling)
        known = places.get(key)
        if known is not None and known is not place:
            raise GazetteerError(f"places.yml: {spelling!r} names both {known.name} and {place.name}")
        places[key] = place


def _check(gazetteer: Gazetteer) -> None:
    if tuple(sorted(gazetteer.districts)) != DISTRICTS:
        raise GazetteerError("districts.yml must list exactly the 10 districts of the contract")
    for code, outcode in gazetteer.outcodes.items():
        unknown = set(outcode.districts) - set(DISTRICTS)
        if unknown or not outcode.districts:
            raise GazetteerError(f"outcodes.yml: {code}: bad districts {sorted(unknown) or '(none)'}")
    for place in set(gazetteer.places.values()):
        if place.force is None and set(place.districts) - set(DISTRICTS):
            raise GazetteerError(f"places.yml: {place.name}: unknown districts {place.districts}")
    unknown_words = gazetteer.word_like - set(gazetteer.places)
    if unknown_words:
        raise GazetteerError(f"places.yml: word_like names that are not places: {sorted(unknown_words)}")
