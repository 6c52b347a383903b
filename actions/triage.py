"""Custom actions for triage. Thin: the logic is in bot.triage."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.triage import categories
from bot.triage.clarify import likeliest_options

OTHER_OPTION_TITLE = "Something else"


class ActionClarifyCategory(Action):
    """Unsure what the contact is about: offer the likeliest categories as buttons."""

    def name(self) -> Text:
        return "action_clarify_category"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        ranking = tracker.latest_message.get("intent_ranking") or []
        options = likeliest_options(ranking, categories.load())
        if len(options) < 2:
            dispatcher.utter_message(response="utter_ask_rephrase")
            return []
        buttons = [{"title": o.title, "payload": o.payload} for o in options]
        buttons.append({"title": OTHER_OPTION_TITLE, "payload": "/out_of_scope"})
        dispatcher.utter_message(response="utter_clarify_category", buttons=buttons)
        return []
