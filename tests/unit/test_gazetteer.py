"""The geography data resolves as it says, and bad data is refused at load."""
import shutil

import pytest
import yaml

from bot import paths
from bot.geo import gazetteer
from bot.geo.gazetteer import OUTSIDE, GazetteerError
from bot.geo.matching import finder
from bot.geo.resolve import resolve

GAZ = gazetteer.load()
HERTS_PLACES = sorted({p for p in GAZ.places.values() if p.force is None}, key=lambda p: p.name)
OUTSIDE_PLACES = sorted({p for p in GAZ.places.values() if p.force}, key=lambda p: p.name)


def locate(text):
    return resolve(finder().find(text), GAZ)


def test_the_data_is_big_enough():
    assert len(HERTS_PLACES) >= 300
    assert len(GAZ.outcodes) >= 45


@pytest.mark.parametrize("place", HERTS_PLACES, ids=lambda p: p.name)
def test_every_place_resolves_as_its_data_says(place):
    location = locate(f"it happened in {place.name}")
    if place.ambiguous:
        assert location.district is None and set(place.districts) <= set(location.candidates)
    else:
        assert location.district == place.districts[0]


@pytest.mark.parametrize("place", OUTSIDE_PLACES, ids=lambda p: p.name)
def test_every_place_over_the_border_names_its_force(place):
    location = locate(f"it happened in {place.name}")
    assert (location.district, location.force) == (OUTSIDE, place.force)


@pytest.mark.parametrize("code", sorted(GAZ.outcodes), ids=str)
def test_every_outward_code_resolves_or_asks(code):
    outcode = GAZ.outcodes[code]
    location = locate(f"my postcode is {code.lower()} 1ab")
    if outcode.outside:
        assert (location.district, location.force) == (OUTSIDE, outcode.outside)
    elif len(outcode.districts) == 1:
        assert location.district == outcode.districts[0]
    else:
        assert location.needs_choice and set(location.candidates) == set(outcode.districts[:4])


@pytest.mark.parametrize("text, district", [
    ("kids dealing by the shops on the Woodhall Farm estate", "dacorum"),
    ("noise every night in st. albans", "st_albans"),
    ("car broken into in Bishops Stortford", "east_herts"),
    ("wgc town centre", "welwyn_hatfield"),
    ("welwyn gdn city", "welwyn_hatfield"),
    ("boreham wood", "hertsmere"),
    ("borehamwod high street", "hertsmere"),
    ("im in hitchen", "north_herts"),
    ("kings langley, WD4 8 something, by the canal on the dacorum side", "dacorum"),
    ("luton road in harpenden", "st_albans"),
    ("i live in luton but it happened in hitchin", "north_herts"),
    ("Great Ashby SG1 3xx", "north_herts"),
    ("south oxhey", "three_rivers"),
    ("oxhey", "watford"),
    ("HP2 7LE", "dacorum"),
    ("hp27le", "dacorum"),
    ("st albons, my car was broken into", "st_albans"),
    ("abbots langly - drug dealing from a car", "three_rivers"),
    ("hemmel hempstead. someone posts notes through my door", "dacorum"),
    ("Apsley, near the marina", "dacorum"),
    ("we were in Knebworth for the fete and I only noticed when I got home to Stevenage", "north_herts"),
    ("my mate lives in Harrow but we were in Watford when it happened", "watford"),
    ("i'm a student at the uni but this happened in St Albans, not Hatfield", "st_albans"),
    ("we live at gilston CM20, trucks dump soil on the verge", "east_herts"),
])
def test_places_in_residents_words(text, district):
    assert locate(text).district == district


@pytest.mark.parametrize("text, force", [
    ("someone's been fly tipping near epping", "Essex Police"),
    ("it happened in LU1 3AB", "Bedfordshire Police"),
    ("in harlow", "Essex Police"),
    ("my postcode is N1 9GU", "Metropolitan Police"),
    ("melbourn SG8", "Cambridgeshire Constabulary"),
    ("i'm in manchester M1 1AE", None),
    ("Edgware station, the bus stands. I was heading home to Borehamwood.", "Metropolitan Police"),
    ("My brother's shop in Leighton Buzzard was broken into. I'm in Tring so I said I'd report it", "Bedfordshire Police"),
    ("i'm from ware but it happened in harlow", "Essex Police"),
])
def test_outside_hertfordshire(text, force):
    location = locate(text)
    assert (location.district, location.force) == (OUTSIDE, force)


@pytest.mark.parametrize("text", [
    "my mate reed keeps texting me", "there's noise at the park every night", "string of thefts",
    "down the high street by the station", "i'll be there b4 5", "it was on the m25", "herts police",
    "be aware of scams", "hertfordshire", "my son Royston was assaulted", "Mrs Weston lets herself in",
    "a man called Reed keeps messaging", "a group of girls on bikes", "kids wait for the bus",
])
def test_no_place(text):
    location = locate(text)
    assert not location.found and not location.needs_choice


@pytest.mark.parametrize("text", ["postcode AL2", "kings langley", "little heath", "WD25 7AA"])
def test_ambiguous_places_ask(text):
    assert locate(text).needs_choice


def _copy_data(tmp_path):
    folder = tmp_path / "geography"
    shutil.copytree(paths.GEOGRAPHY, folder)
    return folder


def _edit(path, change):
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data))


@pytest.mark.parametrize("change", [
    lambda d: d["districts"]["watford"].update({"Hitchin": "WD17"}),           # a name in two districts
    lambda d: d["districts"]["watford"].update({"Nowhere": "ZZ99"}),           # an unknown outward code
    lambda d: d["ambiguous"].update({"Twoplace": {"districts": ["watford"]}}),  # ambiguous with one district
    lambda d: d["word_like"].append("Atlantis"),                               # a word-like name that is no place
    lambda d: d["districts"]["watford"].update({"Bad": {"outcode": "WD17", "colour": "red"}}),  # unknown field
])
def test_bad_place_data_is_refused(tmp_path, change):
    folder = _copy_data(tmp_path)
    _edit(folder / "places.yml", change)
    with pytest.raises((GazetteerError, ValueError)):
        gazetteer.load(folder)


def test_an_outcode_with_an_unknown_district_is_refused(tmp_path):
    folder = _copy_data(tmp_path)
    _edit(folder / "outcodes.yml", lambda d: d["outcodes"].update({"SG1": {"districts": ["gotham"]}}))
    with pytest.raises(GazetteerError):
        gazetteer.load(folder)
