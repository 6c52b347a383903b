"""PlaceExtractor: places and postcodes become entities, appended to any others."""
import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.place_extractor import PlaceExtractor


@pytest.fixture(scope="module")
def extractor(tmp_path_factory):
    storage = LocalModelStorage(tmp_path_factory.mktemp("model"))
    return PlaceExtractor.create(PlaceExtractor.get_default_config(), storage, Resource("places"),
                                 ExecutionContext(graph_schema=None, model_id="test"))


def entities(extractor, text, existing=()):
    message = Message.build(text=text)
    if existing:
        message.set("entities", list(existing))
    extractor.process([message])
    return message.get("entities", [])


def test_place_entity_carries_the_gazetteer_name_and_where_it_was_said(extractor):
    text = "kids dealing by the shops on the woodhall farm estate"
    entity, district = entities(extractor, text)
    assert (entity["entity"], entity["value"]) == ("place", "Woodhall Farm")
    assert (district["entity"], district["value"]) == ("district", "dacorum")
    assert text[entity["start"]:entity["end"]].lower().startswith("woodhall farm")


def test_postcode_entity_is_normalised(extractor):
    entity, _ = entities(extractor, "my postcode is hp27le")
    assert (entity["entity"], entity["value"]) == ("postcode", "HP2 7LE")


def test_home_place_has_the_home_role(extractor):
    found = entities(extractor, "i live in luton but it happened in hitchin")
    assert [(e["value"], e.get("role")) for e in found] == [("Luton", "home"), ("Hitchin", None), ("north_herts", None)]


def test_other_extractors_entities_are_kept(extractor):
    other = {"entity": "time", "value": "tonight", "start": 0, "end": 7, "extractor": "Other"}
    found = entities(extractor, "tonight in hemel", [other])
    assert found[0] == other and found[1]["value"] == "Hemel Hempstead"


def test_an_unsettled_place_gives_no_district(extractor):
    assert [e["entity"] for e in entities(extractor, "noise in kings langley")] == ["place"]


def test_no_place_no_entities(extractor):
    assert entities(extractor, "my neighbour's dog barks all night") == []
