"""The team directory (data/geography/teams.yml, stations.yml): who looks after a place, and
the nearest station with an appointment service."""
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml
from pydantic import BaseModel, Extra

from bot import paths
from bot.geo import gazetteer as gazetteer_module
from bot.geo.gazetteer import DISTRICTS, Gazetteer, GazetteerError
from bot.geo.names import normalise


class Team(BaseModel, extra=Extra.forbid, allow_mutation=False):
    id: str
    name: str
    covers: List[str]
    stations: List[str]
    inbox: Optional[str] = None


class DistrictTeams(BaseModel, extra=Extra.forbid, allow_mutation=False):
    default: str
    teams: List[Team]


class Station(BaseModel, extra=Extra.forbid, allow_mutation=False):
    id: str
    name: str
    place: str
    front_counter: bool = False
    latitude: Optional[float] = None
    longitude: Optional[float] = None


@dataclass(frozen=True)
class Directory:
    districts: Dict[str, DistrictTeams]
    stations: Dict[str, Station]
    coordinates: Dict[str, Tuple[float, float]]      # station id -> (lat, long)
    gazetteer: Gazetteer

    def team_for(self, district: str, place: Optional[str] = None) -> Team:
        teams = self.districts[district]
        key = normalise(place or "")
        covering = next((t for t in teams.teams if key in {normalise(n) for n in t.covers}), None)
        return covering or self.team(teams.default)

    def team(self, team_id: str) -> Team:
        return next(t for d in self.districts.values() for t in d.teams if t.id == team_id)

    def nearest_station(self, place: Optional[str], district: Optional[str] = None) -> Optional[Station]:
        """The nearest station to a place (by its postcode district's centre); else the district's team's."""
        known = self.gazetteer.places.get(normalise(place or ""))
        here = self.gazetteer.coordinates(known.outcode) if known else None
        if here is None:
            team = self.team_for(district) if district in self.districts else None
            return self.stations[team.stations[0]] if team else None
        return min(self.stations.values(), key=lambda s: _distance_km(here, self.coordinates[s.id]))


def _distance_km(a: Tuple[float, float], b: Tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


@lru_cache(maxsize=None)
def load(folder: Path = paths.GEOGRAPHY) -> Directory:
    gazetteer = gazetteer_module.load(folder)
    teams = {d: DistrictTeams.parse_obj(v) for d, v in _yaml(folder / "teams.yml")["districts"].items()}
    stations = {s["id"]: Station.parse_obj(s) for s in _yaml(folder / "stations.yml")["stations"]}
    directory = Directory(teams, stations, _station_coordinates(stations, gazetteer), gazetteer)
    _check(directory)
    return directory


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _station_coordinates(stations: Dict[str, Station], gazetteer: Gazetteer) -> Dict[str, Tuple[float, float]]:
    coordinates = {}
    for station in stations.values():
        place = gazetteer.places.get(normalise(station.place))
        if place is None or place.force:
            raise GazetteerError(f"stations.yml: {station.id}: {station.place!r} is not a Hertfordshire place")
        given = (station.latitude, station.longitude)
        coordinates[station.id] = given if None not in given else gazetteer.coordinates(place.outcode)
        if coordinates[station.id] is None:
            raise GazetteerError(f"stations.yml: {station.id}: no coordinates for {station.place!r}")
    return coordinates


def _check(directory: Directory) -> None:
    if sorted(directory.districts) != sorted(DISTRICTS):
        raise GazetteerError("teams.yml must list teams for exactly the 10 districts")
    for district, teams in directory.districts.items():
        ids = [t.id for t in teams.teams]
        if teams.default not in ids:
            raise GazetteerError(f"teams.yml: {district}: default {teams.default!r} is not one of its teams")
        for team in teams.teams:
            _check_team(directory, district, team)
        covered = [normalise(n) for t in teams.teams for n in t.covers]
        twice = {n for n in covered if covered.count(n) > 1}
        if twice:
            raise GazetteerError(f"teams.yml: {district}: places covered by two teams: {sorted(twice)}")
    all_ids = [t.id for d in directory.districts.values() for t in d.teams]
    if len(all_ids) != len(set(all_ids)):
        raise GazetteerError("teams.yml: team ids must be unique")


def _check_team(directory: Directory, district: str, team: Team) -> None:
    for name in team.covers:
        place = directory.gazetteer.places.get(normalise(name))
        if place is None or district not in place.districts:
            raise GazetteerError(f"teams.yml: {team.id} covers {name!r}, which is not a place in {district}")
    unknown = set(team.stations) - set(directory.stations)
    if unknown or not team.stations:
        raise GazetteerError(f"teams.yml: {team.id}: unknown or no stations {sorted(unknown)}")
