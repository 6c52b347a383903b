"""Shared-phone safety: by SMS, the sensitive conversations ask whether texting is safe; elsewhere
nothing changes."""
import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.text_safety import ActionCheckTextSafety, ActionRecordTextSafety
from bot.sms import shared_phone


def tracker(channel, category, intent="domestic_abuse", safe_to_text=None):
    events = [{"event": "user", "text": "x", "input_channel": channel, "parse_data": {"intent": {"name": intent}}}]
    return Tracker.from_dict({"sender_id": "+447700900123", "slots": {"issue_category": category,
                              "safe_to_text": safe_to_text}, "latest_message": {"intent": {"name": intent}},
                              "events": events, "latest_action_name": "action_listen"})


def run(action, current):
    dispatcher = CollectingDispatcher()
    return asyncio.run(action.run(dispatcher, current, {})), dispatcher.messages


@pytest.mark.parametrize("category", ["domestic_abuse", "harassment", "safeguarding_concern"])
def test_by_sms_a_sensitive_conversation_asks_once_and_is_marked_sensitive(category):
    events, messages = run(ActionCheckTextSafety(), tracker("twilio", category))
    assert events == [SlotSet("text_safety_asked", True)]
    assert [m.get("response") for m in messages] == [None, "utter_ask_safe_to_text"]
    assert shared_phone.flag_in({"custom": messages[0]["custom"]}) == {"name": "sensitive", "value": True}
    events, messages = run(ActionCheckTextSafety(), tracker("twilio", category, safe_to_text=False))
    assert events == [] and [m.get("response") for m in messages] == [None]


@pytest.mark.parametrize("channel, category", [("rest", "domestic_abuse"), ("socketio", "harassment"),
                                               ("twilio", "theft"), ("twilio", None)])
def test_other_channels_and_other_conversations_are_not_asked(channel, category):
    assert run(ActionCheckTextSafety(), tracker(channel, category)) == ([], [])


def test_no_means_nothing_is_texted_later_and_yes_is_recorded_too():
    events, messages = run(ActionRecordTextSafety(), tracker("twilio", "domestic_abuse", intent="deny"))
    assert SlotSet("safe_to_text", False) in events and SlotSet("text_safety_asked", False) in events
    assert shared_phone.flag_in({"custom": messages[0]["custom"]}) == {"name": "unsafe_to_text", "value": True}
    assert messages[1]["response"] == "utter_not_safe_to_text"
    events, messages = run(ActionRecordTextSafety(), tracker("twilio", "domestic_abuse", intent="affirm"))
    assert SlotSet("safe_to_text", True) in events and messages[1]["response"] == "utter_safe_to_text"
    assert shared_phone.flag_in({"custom": messages[0]["custom"]}) == {"name": "unsafe_to_text", "value": False}
