"""The team directory: every place has a team in its own district; stations are found by distance."""
import shutil

import pytest
import yaml

from bot import paths
from bot.geo import teams
from bot.geo.gazetteer import GazetteerError

DIRECTORY = teams.load()
PLACES = sorted({(d, p.name) for p in DIRECTORY.gazetteer.places.values() if p.force is None
                 for d in p.districts})


@pytest.mark.parametrize("district, place", PLACES, ids=lambda v: str(v))
def test_every_place_has_a_team_in_its_district(district, place):
    team = DIRECTORY.team_for(district, place)
    assert team in DIRECTORY.districts[district].teams


@pytest.mark.parametrize("district, place, team_id", [
    ("dacorum", "Woodhall Farm", "dacorum_hemel_east"),
    ("dacorum", "Tring", "dacorum_berkhamsted_tring"),
    ("dacorum", "Kings Langley", "dacorum_hemel_south_kings_langley"),
    ("three_rivers", "Kings Langley", "three_rivers_abbots_langley_chorleywood"),
    ("north_herts", "royston", "north_herts_royston"),
    ("st_albans", None, "st_albans_central_north_west"),
    ("stevenage", "Chells", "stevenage_town"),
])
def test_the_right_team(district, place, team_id):
    assert DIRECTORY.team_for(district, place).id == team_id


@pytest.mark.parametrize("place, station", [
    ("Woodhall Farm", "hemel_hempstead"), ("Cuffley", "hatfield"), ("Sawbridgeworth", "bishops_stortford"),
    ("Baldock", "letchworth"), ("Bushey", "south_oxhey"),
])
def test_nearest_station(place, station):
    assert DIRECTORY.nearest_station(place).id == station


def test_no_place_falls_back_to_the_district_teams_station():
    assert DIRECTORY.nearest_station(None, "stevenage").id == "stevenage"


@pytest.mark.parametrize("change", [
    lambda d: d["districts"]["watford"].update({"default": "nobody"}),
    lambda d: d["districts"]["watford"]["teams"][0]["covers"].append("Hitchin"),
    lambda d: d["districts"]["watford"]["teams"][1]["covers"].append("Watford"),
    lambda d: d["districts"]["watford"]["teams"][0]["stations"].append("atlantis"),
    lambda d: d["districts"].pop("watford"),
])
def test_bad_team_data_is_refused(tmp_path, change):
    folder = tmp_path / "geography"
    shutil.copytree(paths.GEOGRAPHY, folder)
    data = yaml.safe_load((folder / "teams.yml").read_text())
    change(data)
    (folder / "teams.yml").write_text(yaml.safe_dump(data))
    with pytest.raises(GazetteerError):
        teams.load(folder)
