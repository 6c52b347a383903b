"""The routing table (data/triage/routing.yml): which intents are routed by place, and to whom."""
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, Optional

import yaml

from bot import paths
from bot.triage import categories

TEAM, DISTRICT_COUNCIL, STATION = "team", "district_council", "station"
ROUTES = (TEAM, DISTRICT_COUNCIL, STATION)


class RoutingError(ValueError):
    """routing.yml names an unknown intent or route."""


@lru_cache(maxsize=None)
def load(path: Path = paths.DATA / "triage" / "routing.yml") -> Dict[str, str]:
    routes = yaml.safe_load(Path(path).read_text(encoding="utf-8"))["routes"]
    known = set(categories.load().category_intents)
    bad = {i: r for i, r in routes.items() if i not in known or r not in ROUTES}
    if bad:
        raise RoutingError(f"{path}: unknown intents or routes: {bad}")
    return routes


def latest_routed_intent(intents_newest_first: Iterable[Optional[str]]) -> Optional[str]:
    """The contact the resident most recently raised that is routed by place."""
    routes = load()
    return next((i for i in intents_newest_first if i in routes), None)
