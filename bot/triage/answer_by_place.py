"""The answer to a contact routed by place: which response, filled with which names."""
from dataclasses import dataclass, field
from typing import Dict, Optional

from bot.geo.teams import Directory
from bot.geo.where import Whereabouts
from bot.triage.routing import DISTRICT_COUNCIL, STATION, TEAM


@dataclass(frozen=True)
class Answer:
    response: str
    variables: Dict[str, str] = field(default_factory=dict)
    team: Optional[str] = None              # set when a team owns it and a referral is offered


def answer(route: str, intent: str, where: Whereabouts, directory: Directory) -> Answer:
    """Place unknown: the team route says so; the others give their answer for anywhere."""
    if where.outside:
        force = next((f for f in directory.gazetteer.forces if f.name == where.force), None)
        if force is None:
            return Answer("utter_outside_unknown_force")
        return Answer("utter_outside_force", {"force": force.name, "website": force.website})
    if where.district is None:
        return Answer("utter_place_unknown" if route == TEAM else f"utter_{intent}")
    district = directory.gazetteer.districts[where.district]
    if route == TEAM:
        team = directory.team_for(where.district, where.place)
        return Answer("utter_team_owns", {"team_name": team.name, "district_name": district.name}, team=team.id)
    if route == DISTRICT_COUNCIL:
        return Answer("utter_council_owns", {"council": district.council, "website": district.website})
    if route == STATION:
        station = directory.nearest_station(where.place, where.district)
        return Answer("utter_nearest_station", {"station": station.name})
    raise ValueError(f"unknown route {route!r}")
