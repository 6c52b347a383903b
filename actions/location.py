"""Where the matter is, and who looks after it. Thin: the logic is in bot.geo and bot.triage."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.geo import gazetteer, teams
from bot.geo.from_entities import mentions
from bot.geo.resolve import resolve
from bot.geo.where import Whereabouts, update
from bot.triage import routing
from bot.triage.answer_by_place import answer


def whereabouts(tracker: Tracker) -> Whereabouts:
    return Whereabouts(tracker.get_slot("district"), tracker.get_slot("place"), tracker.get_slot("outside_force"),
                       tuple(tracker.get_slot("district_choices") or ()), bool(tracker.get_slot("location_asked")))


def heard(tracker: Tracker, known: Whereabouts) -> Whereabouts:
    """What the bot knows once the latest message is taken into account."""
    places = gazetteer.load()
    return update(known, resolve(mentions(tracker.latest_message.get("entities") or [], places), places))


def as_slots(where: Whereabouts) -> Dict[Text, Any]:
    return {"district": where.district, "place": where.place, "outside_force": where.force,
            "district_choices": list(where.choices) or None, "location_asked": where.asked}


class ActionLocate(Action):
    """Before asking anything: did the resident already say where?"""

    def name(self) -> Text:
        return "action_locate"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
        known = whereabouts(tracker)
        # A new contact: a place said earlier still counts, but the bot may ask "where?" again.
        fresh = Whereabouts(known.district, known.place, known.force)
        return [SlotSet(k, v) for k, v in as_slots(heard(tracker, fresh)).items()]


class ValidateLocationForm(FormValidationAction):
    """The answer to "where?": several slots at once, so it does not use rasa_sdk's per-slot
    extraction (which keeps only the required slots' values)."""

    def name(self) -> Text:
        return "validate_location_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
        known = whereabouts(tracker)
        where = heard(tracker, known) if tracker.get_slot("requested_slot") == "district" else known
        events = [SlotSet(k, v) for k, v in as_slots(where).items()]
        return events + [SlotSet("requested_slot", None if where.settled else "district")]


class ActionAskDistrict(Action):
    def name(self) -> Text:
        return "action_ask_district"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
        choices = tracker.get_slot("district_choices") or []
        if choices:
            names = [gazetteer.load().districts[d].name for d in choices]
            dispatcher.utter_message(response="utter_which_district",
                                     buttons=[{"title": n, "payload": n} for n in names])
        else:
            dispatcher.utter_message(response="utter_ask_where")
        return [SlotSet("location_asked", True)]


class ActionRoute(Action):
    """Name who deals with it for the place: the team (and offer a referral), council or station."""

    def name(self) -> Text:
        return "action_route"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
        intents = (e.get("parse_data", {}).get("intent", {}).get("name")
                   for e in reversed(tracker.events) if e.get("event") == "user")
        intent = routing.latest_routed_intent(intents)
        if intent is None:
            return []
        reply = answer(routing.load()[intent], intent, whereabouts(tracker), teams.load())
        dispatcher.utter_message(response=reply.response, **reply.variables)
        if reply.team is None:
            dispatcher.utter_message(response="utter_contact_footer")
        return [SlotSet("team", reply.team), SlotSet("referral_offered", reply.team is not None)]
