"""Shared-phone safety by SMS: ask whether it is safe to text this number, and record the answer.
Thin: which conversations ask is bot.sms.shared_phone."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.sms import shared_phone


class ActionCheckTextSafety(Action):
    def name(self) -> Text:
        return "action_check_text_safety"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if not shared_phone.asks_about_texting(tracker.get_latest_input_channel(), tracker.get_slot("issue_category")):
            return []
        dispatcher.utter_message(json_message=shared_phone.flag_message("sensitive", True))
        if tracker.get_slot("safe_to_text") is not None:
            return []
        dispatcher.utter_message(response="utter_ask_safe_to_text")
        return [SlotSet("text_safety_asked", True)]


class ActionRecordTextSafety(Action):
    def name(self) -> Text:
        return "action_record_text_safety"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        safe = (tracker.latest_message.get("intent") or {}).get("name") == "affirm"
        dispatcher.utter_message(json_message=shared_phone.flag_message("unsafe_to_text", not safe))
        dispatcher.utter_message(response="utter_safe_to_text" if safe else "utter_not_safe_to_text")
        return [SlotSet("safe_to_text", safe), SlotSet("text_safety_asked", False)]
