"""One spelling for every way a place name is written: case, full stops, apostrophes, hyphens."""
import re

_DROPPED = re.compile(r"['’‘`.]")
_SPACED = re.compile(r"[^a-z0-9]+")


def normalise(name: str) -> str:
    """'St. Albans' -> 'st albans'; "Bishop's Stortford" -> 'bishops stortford'."""
    return _SPACED.sub(" ", _DROPPED.sub("", name.lower())).strip()


def slug(name: str) -> str:
    return normalise(name).replace(" ", "_")
