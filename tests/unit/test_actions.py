"""Custom actions: build a tracker, run the action, compare events and the response sent."""
import asyncio

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.triage import OTHER_OPTION_TITLE, ActionClarifyCategory
from bot import paths


@pytest.fixture(scope="module")
def domain():
    return yaml.safe_load((paths.ROOT / "domain.yml").read_text())


def get_tracker(ranking, slots=None):
    latest = {"text": "something odd", "intent": ranking[0] if ranking else {}, "intent_ranking": ranking}
    return Tracker.from_dict({"sender_id": "resident", "slots": slots or {}, "latest_message": latest,
                              "events": [], "active_loop": {}, "latest_action_name": "action_listen"})


def run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain))
    return events, dispatcher.messages


def test_unsure_offers_the_likeliest_categories_as_buttons(domain):
    ranking = [{"name": "nlu_fallback", "confidence": 0.3}, {"name": "theft", "confidence": 0.28},
               {"name": "burglary", "confidence": 0.25}, {"name": "lost_property", "confidence": 0.2},
               {"name": "found_property", "confidence": 0.1}, {"name": "greet", "confidence": 0.08}]
    events, messages = run(ActionClarifyCategory(), get_tracker(ranking), domain)
    assert events == []
    assert messages[0]["response"] == "utter_clarify_category"
    assert "utter_clarify_category" in domain["responses"]
    assert [b["title"] for b in messages[0]["buttons"]] == ["Something stolen", "A break-in",
                                                            "Lost or found property", OTHER_OPTION_TITLE]
    assert [b["payload"] for b in messages[0]["buttons"]][:3] == ["/theft", "/burglary", "/lost_property"]


def test_without_two_plausible_options_it_asks_to_rephrase(domain):
    ranking = [{"name": "nlu_fallback", "confidence": 0.3}, {"name": "greet", "confidence": 0.6},
               {"name": "theft", "confidence": 0.01}]
    events, messages = run(ActionClarifyCategory(), get_tracker(ranking), domain)
    assert events == []
    assert [m["response"] for m in messages] == ["utter_ask_rephrase"]
    assert "utter_ask_rephrase" in domain["responses"]
