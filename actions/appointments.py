"""Booking, moving and cancelling an appointment with an officer. Thin: the conversation is
bot.appointments.dialogue, the wording bot.appointments.wording, the store bot.appointments."""
import logging
from typing import Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.appointments import dialogue, runtime
from bot.appointments.confirmation import send_confirmation
from bot.appointments.dialogue import SLOT_PREFIX, TASK_BY_INTENT, Form, Message
from bot.appointments.model import NotFound
from bot.appointments.service import calendar_file
from bot.appointments.wording import contact_text, place_name, slot_button, when_text
from bot.geo import gazetteer
from bot.geo.from_entities import mentions
from bot.privacy import redact_id
from bot.triage import categories

logger = logging.getLogger(__name__)
SMS_CHANNEL = "twilio"
OUTCOMES = {dialogue.BOOKED: "appointment_booked", dialogue.MOVED: "appointment_changed",
            dialogue.CANCELLED: "appointment_cancelled"}


def _form(tracker: Tracker) -> Form:
    return Form.from_slots(tracker.current_slot_values())


def _message(tracker: Tracker) -> Message:
    latest = tracker.latest_message or {}
    category = tracker.get_slot("issue_category")
    earlier = categories.load().categories[category].label if category and category != "appointment" else None
    return Message(text=latest.get("text") or "", intent=(latest.get("intent") or {}).get("name"),
                   places=mentions(latest.get("entities") or [], gazetteer.load()),
                   channel=tracker.get_latest_input_channel() or "unknown", sender=tracker.sender_id,
                   earlier_category=earlier)


class ValidateAppointmentForm(FormValidationAction):
    """Reads every message for every detail and decides what to ask next (so not rasa_sdk's
    per-slot extraction). At activation it starts the task the intent asked for."""

    def name(self) -> Text:
        return "validate_appointment_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
        requested = (tracker.get_slot("requested_slot") or "").removeprefix(SLOT_PREFIX) or None
        message, form = _message(tracker), _form(tracker)
        if requested is None:
            task = TASK_BY_INTENT.get(message.intent, "book")
            form = dialogue.start(task, message.channel, message.sender, form)
        try:
            turn = dialogue.step(form, requested, message, runtime.desk())
        except Exception as error:  # the resident still gets an answer and a way to a person
            logger.error("appointments.step_failed sender=%s error=%s", redact_id(tracker.sender_id),
                         type(error).__name__)
            form.result = dialogue.FAILED
            turn = dialogue.Turn(form, None, [])
        for notice in turn.notices:
            dispatcher.utter_message(response=notice.response, **notice.variables)
        next_slot = SLOT_PREFIX + turn.requested if turn.requested else None
        return [SlotSet(k, v) for k, v in turn.form.slots().items()] + [SlotSet("requested_slot", next_slot)]


class ActionAskAppointmentDiary(Action):
    def name(self) -> Text:
        return "action_ask_appointment_diary"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
        if tracker.get_slot("appointment_home"):
            dispatcher.utter_message(response="utter_ask_appointment_home_town")
            return []
        directory = runtime.desk().directory
        station = directory.nearest_station(tracker.get_slot("place"), tracker.get_slot("district"))
        if station is None:
            dispatcher.utter_message(response="utter_ask_appointment_diary")
            return []
        dispatcher.utter_message(response="utter_ask_appointment_diary_near", station=station.name,
                                 buttons=[{"title": station.name, "payload": station.name},
                                          {"title": "A visit at home", "payload": "a visit at home"}])
        return []


class ActionAskAppointmentSlot(Action):
    def name(self) -> Text:
        return "action_ask_appointment_slot"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
        form = _form(tracker)
        place = place_name(form.diary, runtime.desk().directory)
        buttons = [slot_button(offer) for offer in form.offers or []]
        dispatcher.utter_message(response="utter_ask_appointment_slot", place=place, buttons=buttons)
        return []


class ActionAskAppointmentContact(Action):
    def name(self) -> Text:
        return "action_ask_appointment_contact"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
        booking = tracker.get_slot("appointment_task") == "book"
        dispatcher.utter_message(response="utter_ask_appointment_contact" if booking
                                 else "utter_ask_appointment_contact_given")
        return []


class ActionAskAppointmentConfirmed(Action):
    """The read-back: everything that will be booked, moved or cancelled, then "shall I?"."""

    def name(self) -> Text:
        return "action_ask_appointment_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
        form = _form(tracker)
        place = place_name(form.diary, runtime.desk().directory)
        if form.task == "cancel":
            dispatcher.utter_message(response="utter_appointment_read_back_cancel", when=when_text(form.current),
                                     place=place)
        elif form.task == "move":
            dispatcher.utter_message(response="utter_appointment_read_back_move", old_when=when_text(form.current),
                                     when=when_text(form.slot), place=place)
        else:
            dispatcher.utter_message(response="utter_appointment_read_back", when=when_text(form.slot), place=place,
                                     reason=form.reason, name=form.name, contact=contact_text(form.contact),
                                     extras=_extras(form))
        return []


def _extras(form: Form) -> str:
    said = [f"Access: {form.access}." if form.access else "",
            f"Interpreter: {form.interpreter}." if form.interpreter and form.interpreter != "not said" else "",
            "Interpreter: please tell me which language." if form.interpreter == "not said" else ""]
    said = " ".join(s for s in said if s)
    return said or "If you need help with access, or an interpreter, tell me now."


class ActionFinishAppointment(Action):
    """What was done, said once: the reference, a text and a calendar file for a booking."""

    def name(self) -> Text:
        return "action_finish_appointment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
        form, desk = _form(tracker), runtime.desk()
        result = form.result or dialogue.STOPPED
        done = [SlotSet(SLOT_PREFIX + k, None) for k in Form.__dataclass_fields__ if k not in ("reference", "contact")]
        if result not in OUTCOMES:
            dispatcher.utter_message(response=f"utter_appointment_{result}")
            dispatcher.utter_message(response="utter_contact_footer")
            return done
        try:
            booking = desk.store.find(form.reference, form.contact) if result != dialogue.CANCELLED else None
        except NotFound:
            booking = None
        place = place_name(booking.diary if booking else form.diary, desk.directory)
        when = when_text(booking.starts_at.isoformat() if booking else form.current or form.slot)
        dispatcher.utter_message(response=f"utter_appointment_{result}", when=when, place=place,
                                 reference=form.reference)
        if booking is not None:
            await _confirm(dispatcher, tracker, booking, place)
        dispatcher.utter_message(response="utter_appointment_footer" if booking else "utter_contact_footer")
        return done + [SlotSet("outcome", OUTCOMES[result]), SlotSet("issue_category", "appointment"),
                       SlotSet("urgency", "non_emergency")]


async def _confirm(dispatcher: CollectingDispatcher, tracker: Tracker, booking, place: str) -> None:
    channel = tracker.get_latest_input_channel()
    if booking.diary.startswith("home:"):
        dispatcher.utter_message(response="utter_appointment_home_visit_call")
    texting_here = channel == SMS_CHANNEL and booking.draft.contact == tracker.sender_id
    if booking.draft.contact_kind == "phone" and not texting_here:
        sent = await send_confirmation(runtime.outbound(), runtime.sms_state(), booking, place, runtime.sms_from_number())
        if sent:
            dispatcher.utter_message(response="utter_appointment_texted")
    if channel != SMS_CHANNEL:
        ics = calendar_file(booking, place).decode("utf-8")
        dispatcher.utter_message(json_message={"calendar": {"filename": f"{booking.reference}.ics", "ics": ics,
                                                            "title": "Add it to your calendar"}})
