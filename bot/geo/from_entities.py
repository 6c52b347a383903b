"""Rebuild place mentions from NLU entities (the action server's side of PlaceExtractor)."""
from typing import Any, Dict, Iterable, List

from bot.geo import postcodes
from bot.geo.gazetteer import Gazetteer
from bot.geo.matching import Mention
from bot.geo.names import normalise


def mentions(entities: Iterable[Dict[str, Any]], gazetteer: Gazetteer) -> List[Mention]:
    found = []
    for entity in entities:
        value, home = str(entity.get("value") or ""), entity.get("role") == "home"
        start, end = entity.get("start", 0), entity.get("end", 0)
        if entity.get("entity") == "place" and normalise(value) in gazetteer.places:
            found.append(Mention(start, end, value, place=gazetteer.places[normalise(value)], home=home))
        elif entity.get("entity") == "postcode" and postcodes.parse(value):
            found.append(Mention(start, end, value, postcode=postcodes.parse(value), home=home))
    return found
