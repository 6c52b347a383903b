"""Passing a matter to the Safer Neighbourhood Team: the details, then a referral with a reference."""
import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.geo import teams
from bot.privacy import redact_id
from bot.referrals import contact, runtime
from bot.referrals.model import ReferralDraft
from bot.referrals.service import create_and_notify

logger = logging.getLogger(__name__)
FORM_SLOTS = ("referral_summary", "contact_preference", "contact_detail")


class ValidateReferralForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_referral_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> List[Text]:
        if tracker.get_slot("contact_preference") == "anonymous":
            return [s for s in domain_slots if s != "contact_detail"]
        return domain_slots

    def validate_referral_summary(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> Dict[Text, Any]:
        return {"referral_summary": value.strip() if isinstance(value, str) and value.strip() else None}

    def validate_contact_preference(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> Dict[Text, Any]:
        preferred = contact.preference(value if isinstance(value, str) else None)
        if preferred is None:
            dispatcher.utter_message(response="utter_invalid_contact_preference")
            return {"contact_preference": None}
        given = contact.detail(preferred, value) if preferred != "anonymous" else None
        return {"contact_preference": preferred, **({"contact_detail": given} if given else {})}

    def validate_contact_detail(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                domain: DomainDict) -> Dict[Text, Any]:
        preferred = tracker.get_slot("contact_preference")
        given = contact.detail(preferred, value) if isinstance(value, str) else None
        if given is None:
            dispatcher.utter_message(response="utter_invalid_email" if preferred == "email" else "utter_invalid_phone")
        return {"contact_detail": given}


class ActionAskContactDetail(Action):
    def name(self) -> Text:
        return "action_ask_contact_detail"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
        email = tracker.get_slot("contact_preference") == "email"
        dispatcher.utter_message(response="utter_ask_contact_detail_email" if email else "utter_ask_contact_detail_phone")
        return []


class ActionCreateReferral(Action):
    def name(self) -> Text:
        return "action_create_referral"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
        team = teams.load().team(tracker.get_slot("team"))
        done = [SlotSet("referral_offered", False)] + [SlotSet(s, None) for s in FORM_SLOTS]
        try:
            referral = await create_and_notify(runtime.store(), _draft(tracker, team.id), team.inbox,
                                               runtime.smtp_settings())
        except Exception as error:  # the resident must still get an answer, and a way to a person
            logger.error("referral not stored for %s: %s", redact_id(tracker.sender_id), type(error).__name__)
            dispatcher.utter_message(response="utter_referral_failed")
            return done
        dispatcher.utter_message(response="utter_referral_created", team_name=team.name, reference=referral.reference)
        dispatcher.utter_message(response="utter_contact_footer")
        return done + [SlotSet("referral_reference", referral.reference), SlotSet("outcome", "routed_to_team")]


def _draft(tracker: Tracker, team_id: str) -> ReferralDraft:
    return ReferralDraft(
        category=tracker.get_slot("issue_category") or "local_team", place=tracker.get_slot("place"),
        district=tracker.get_slot("district"), team=team_id, summary=tracker.get_slot("referral_summary") or "",
        contact_preference=tracker.get_slot("contact_preference"), contact_detail=tracker.get_slot("contact_detail"),
        channel=tracker.get_latest_input_channel() or "unknown", conversation_id=tracker.sender_id)


class ActionDeclineReferral(Action):
    def name(self) -> Text:
        return "action_decline_referral"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
        dispatcher.utter_message(response="utter_referral_declined")
        dispatcher.utter_message(response="utter_contact_footer")
        return [SlotSet("referral_offered", False)]
