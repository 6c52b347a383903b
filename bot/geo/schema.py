"""The shape of the geography files (data/geography/*.yml), checked when they are loaded."""
import re
from typing import Dict, List, Optional, Union

from pydantic import BaseModel, Extra, HttpUrl, validator

from bot.geo.postcodes import OUTWARD


class Strict(BaseModel):
    class Config:
        extra = Extra.forbid
        allow_mutation = False


class District(Strict):
    name: str
    council: str
    website: HttpUrl


class CountyCouncil(Strict):
    name: str
    website: HttpUrl
    phone: str


class DistrictsFile(Strict):
    districts: Dict[str, District]
    county_council: CountyCouncil


class PlaceEntry(Strict):
    outcode: Optional[str] = None
    aliases: List[str] = []

    @validator("outcode")
    def _outward(cls, value):
        if value is not None and not OUTWARD.match(value):
            raise ValueError(f"not an outward code: {value!r}")
        return value


class AmbiguousPlace(PlaceEntry):
    districts: List[str]

    @validator("districts")
    def _two_or_more(cls, value):
        if len(set(value)) < 2:
            raise ValueError("an ambiguous place needs two districts or more")
        return value


class PlacesFile(Strict):
    districts: Dict[str, Dict[str, Union[PlaceEntry, str]]]
    ambiguous: Dict[str, AmbiguousPlace]
    district_names: Dict[str, List[str]]
    word_like: List[str]

    @validator("districts")
    def _short_form(cls, value):
        """`Name: OUTCODE` is short for `Name: {outcode: OUTCODE}`."""
        return {district: {name: PlaceEntry(outcode=e) if isinstance(e, str) else e for name, e in entries.items()}
                for district, entries in value.items()}


class OutcodeEntry(Strict):
    districts: List[str]
    outside: Optional[str] = None
    border: Optional[str] = None


class OutcodesFile(Strict):
    outcodes: Dict[str, OutcodeEntry]

    @validator("outcodes")
    def _codes(cls, value):
        bad = [code for code in value if not re.fullmatch(OUTWARD.pattern.strip("^$"), code)]
        if bad:
            raise ValueError(f"not outward codes: {bad}")
        return value


class Force(Strict):
    name: str
    website: HttpUrl
    local_authorities: List[str] = []
    uk_regions: List[str] = []
    places: List[str] = []


class ForcesFile(Strict):
    forces: List[Force]


class GeographyFiles(Strict):
    districts: DistrictsFile
    places: PlacesFile
    outcodes: OutcodesFile
    forces: ForcesFile
