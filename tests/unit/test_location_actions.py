"""Location and routing actions: build a tracker, run the action, compare events and responses."""
import asyncio

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.location import ActionAskDistrict, ActionLocate, ActionRoute, ValidateLocationForm
from bot import paths
from bot.geo.matching import finder
from bot.nlu.place_extractor import PlaceExtractor


@pytest.fixture(scope="module")
def domain():
    return yaml.safe_load((paths.ROOT / "domain.yml").read_text())


def entities_of(text):
    return [PlaceExtractor(finder())._entity(m) for m in finder().find(text)]


def get_tracker(text="", intent="antisocial_behaviour", slots=None, events=None, active_loop=None):
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": entities_of(text)}
    return Tracker.from_dict({"sender_id": "resident", "slots": slots or {}, "latest_message": latest,
                              "events": events or [], "active_loop": active_loop or {},
                              "latest_action_name": "action_listen"})


def run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain))
    return events, dispatcher.messages


def slots(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def user(intent, text=""):
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


def test_locate_finds_the_place_in_the_first_message(domain):
    events, messages = run(ActionLocate(), get_tracker("kids dealing by the shops on the woodhall farm estate"), domain)
    assert slots(events) == {"district": "dacorum", "place": "Woodhall Farm", "outside_force": None,
                             "district_choices": None, "location_asked": False}
    assert messages == []


def test_locate_keeps_a_place_said_earlier_but_may_ask_again(domain):
    earlier = {"district": "watford", "place": "Oxhey", "location_asked": True}
    events, _ = run(ActionLocate(), get_tracker("people dealing drugs", "drugs", slots=earlier), domain)
    assert slots(events)["district"] == "watford" and slots(events)["location_asked"] is False


def test_locate_an_ambiguous_place_keeps_the_choices(domain):
    events, _ = run(ActionLocate(), get_tracker("noise every night in kings langley"), domain)
    assert slots(events)["district"] is None
    assert slots(events)["district_choices"] == ["dacorum", "three_rivers"]


def test_ask_district_asks_where_once_with_no_choices(domain):
    events, messages = run(ActionAskDistrict(), get_tracker(), domain)
    assert events == [SlotSet("location_asked", True)]
    assert messages[0]["response"] == "utter_ask_where" and "utter_ask_where" in domain["responses"]


def test_ask_district_offers_the_candidates_as_buttons(domain):
    tracker = get_tracker(slots={"district_choices": ["dacorum", "three_rivers"]})
    _, messages = run(ActionAskDistrict(), tracker, domain)
    assert messages[0]["response"] == "utter_which_district"
    assert [b["title"] for b in messages[0]["buttons"]] == ["Dacorum", "Three Rivers"]


def validate(domain, text, slots_before):
    tracker = get_tracker(text, "greet", slots={**slots_before, "requested_slot": "district"},
                          active_loop={"name": "location_form"})
    events, messages = run(ValidateLocationForm(), tracker, domain)
    return slots(events), messages


@pytest.mark.parametrize("answer, district", [("hemel", "dacorum"), ("WD17 1AA", "watford"), ("harlow", "outside_hertfordshire")])
def test_an_answer_to_where_is_resolved(domain, answer, district):
    found, _ = validate(domain, answer, {"location_asked": True})
    assert found["district"] == district and found["requested_slot"] is None


def test_a_choice_settles_an_ambiguous_place_and_keeps_it(domain):
    found, _ = validate(domain, "Three Rivers", {"location_asked": False, "place": "Kings Langley",
                                         "district_choices": ["dacorum", "three_rivers"]})
    assert (found["district"], found["place"], found["requested_slot"]) == ("three_rivers", "Kings Langley", None)


def test_an_answer_it_cannot_place_ends_the_asking(domain):
    found, _ = validate(domain, "not sure really", {"location_asked": True})
    assert found["district"] is None and found["requested_slot"] is None


@pytest.mark.parametrize("intent, slots_now, response, variables", [
    ("antisocial_behaviour", {"district": "dacorum", "place": "Woodhall Farm"}, "utter_team_owns",
     {"team_name": "Hemel Hempstead East Safer Neighbourhood Team", "district_name": "Dacorum"}),
    ("council_district_matter", {"district": "north_herts", "place": "Hitchin"}, "utter_council_owns",
     {"council": "North Herts Council", "website": "https://www.north-herts.gov.uk"}),
    ("enquiry_station", {"district": "east_herts", "place": "Sawbridgeworth"}, "utter_nearest_station",
     {"station": "Bishop's Stortford Police Station"}),
    ("drugs", {"district": "outside_hertfordshire", "outside_force": "Essex Police"}, "utter_outside_force",
     {"force": "Essex Police", "website": "https://www.essex.police.uk"}),
    ("drugs", {"location_asked": True}, "utter_place_unknown", {}),
    ("council_district_matter", {"location_asked": True}, "utter_council_district_matter", {}),
])
def test_route_names_who_deals_with_it(domain, intent, slots_now, response, variables):
    tracker = get_tracker(slots=slots_now, events=[user("greet"), user(intent), user("greet")])
    events, messages = run(ActionRoute(), tracker, domain)
    assert messages[0]["response"] == response and response in domain["responses"]
    assert {k: messages[0][k] for k in variables} == variables
    offered = response == "utter_team_owns"
    assert slots(events)["referral_offered"] is offered
    assert [m["response"] for m in messages[1:]] == ([] if offered else ["utter_contact_footer"])
