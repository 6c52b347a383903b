"""Referral actions: the form's checks, and a referral stored with its reference given."""
import asyncio
import re

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.referral import ActionCreateReferral, ActionDeclineReferral, ValidateReferralForm
from bot import paths
from bot.referrals import runtime
from bot.referrals.store import InMemoryReferralStore


@pytest.fixture(scope="module")
def domain():
    return yaml.safe_load((paths.ROOT / "domain.yml").read_text())


@pytest.fixture
def store(monkeypatch):
    fake = InMemoryReferralStore()
    monkeypatch.setattr(runtime, "store", lambda: fake)
    monkeypatch.setattr(runtime, "smtp_settings", lambda: None)
    return fake


def get_tracker(slots, text="", events=None):
    return Tracker.from_dict({"sender_id": "resident-1", "slots": slots, "latest_message": {"text": text},
                              "events": events or [], "active_loop": {"name": "referral_form"},
                              "latest_action_name": "action_listen"})


def run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    return asyncio.run(action.run(dispatcher, tracker, domain)), dispatcher.messages


def form_turn(domain, slots, **new):
    events = [{"event": "user", "text": "x"}] + [{"event": "slot", "name": k, "value": v} for k, v in new.items()]
    tracker = get_tracker({**slots, **new}, events=events)
    return run(ValidateReferralForm(), tracker, domain)


@pytest.mark.parametrize("said, preference", [("Phone call", "phone"), ("ring me", "phone"), ("email", "email"),
                                              ("do not contact me", "anonymous"), ("text", "text")])
def test_contact_preference_in_residents_words(domain, said, preference):
    events, _ = form_turn(domain, {"referral_summary": "dealing"}, contact_preference=said)
    assert SlotSet("contact_preference", preference) in events


def test_an_unclear_preference_is_asked_again(domain):
    events, messages = form_turn(domain, {"referral_summary": "dealing"}, contact_preference="whatever")
    assert SlotSet("contact_preference", None) in events
    assert messages[0]["response"] == "utter_invalid_contact_preference"


def test_anonymous_needs_no_detail_and_ends_the_form(domain):
    events, _ = form_turn(domain, {"referral_summary": "dealing"}, contact_preference="anonymous")
    assert events[-1] == SlotSet("requested_slot", None)


def test_a_bad_phone_number_is_asked_again_with_an_example(domain):
    events, messages = form_turn(domain, {"referral_summary": "dealing", "contact_preference": "phone"},
                                 contact_detail="12345")
    assert SlotSet("contact_detail", None) in events
    assert messages[0]["response"] == "utter_invalid_phone" and "07700 900123" in domain["responses"]["utter_invalid_phone"][0]["text"]


def test_a_phone_number_is_kept_normalised(domain):
    events, _ = form_turn(domain, {"referral_summary": "dealing", "contact_preference": "phone"},
                          contact_detail="07700 900123")
    assert SlotSet("contact_detail", "+447700900123") in events


def test_create_referral_gives_the_reference_and_records_it(domain, store):
    slots = {"team": "dacorum_hemel_east", "issue_category": "drugs", "place": "Woodhall Farm",
             "district": "dacorum", "referral_summary": "kids dealing by the shops", "contact_preference": "anonymous"}
    events, messages = run(ActionCreateReferral(), get_tracker(slots), domain)
    [referral] = store.list_for_team("dacorum_hemel_east")
    assert re.fullmatch(r"HRT-\d{2}-\d{6}", referral.reference)
    assert (referral.summary, referral.place, referral.category) == ("kids dealing by the shops", "Woodhall Farm", "drugs")
    assert messages[0]["response"] == "utter_referral_created" and messages[0]["reference"] == referral.reference
    assert SlotSet("outcome", "routed_to_team") in events and SlotSet("referral_reference", referral.reference) in events
    assert SlotSet("referral_offered", False) in events and SlotSet("contact_detail", None) in events


def test_a_store_that_fails_still_gets_the_resident_an_answer(domain, monkeypatch):
    def broken():
        raise OSError("disk full")
    monkeypatch.setattr(runtime, "store", broken)
    slots = {"team": "dacorum_hemel_east", "issue_category": "drugs", "referral_summary": "x",
             "contact_preference": "anonymous"}
    events, messages = run(ActionCreateReferral(), get_tracker(slots), domain)
    assert messages[0]["response"] == "utter_referral_failed" and SlotSet("referral_offered", False) in events


def test_decline(domain):
    events, messages = run(ActionDeclineReferral(), get_tracker({"referral_offered": True}), domain)
    assert events == [SlotSet("referral_offered", False)]
    assert [m["response"] for m in messages] == ["utter_referral_declined", "utter_contact_footer"]
