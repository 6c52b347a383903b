"""The appointment conversation: what each message tells the bot, what to ask next, and, once the
resident says yes to the read-back, booking, moving or cancelling in the store.

Three tasks share one form:
  book    reason -> where (a station or home) -> slot -> name -> contact -> read-back
  move    reference -> contact -> slot -> read-back
  cancel  reference -> contact -> read-back
Every message is read for every detail ("Tuesday at 11 at Hatfield, I'm Sam, 07911 123456"), so a
resident who says everything at once goes straight to the read-back. Slots are stored as ISO UTC
start times; the form's state lives in Rasa slots (`Form.slots()`), nothing else is kept.
"""
import uuid
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from typing import Any, Callable, Dict, List, Optional, Sequence

from bot.appointments import details
from bot.appointments.choosing import Choice, choose
from bot.appointments.diary import HOME_PREFIX, Diaries, Slot
from bot.appointments.model import BookingDraft, NotFound, SlotFull
from bot.appointments.service import confirm, free_slots
from bot.appointments.sql_store import SqlBookingStore
from bot.appointments.when import WhenWanted, understand_when
from bot.geo.gazetteer import OUTSIDE
from bot.geo.matching import Mention
from bot.geo.resolve import resolve
from bot.geo.teams import Directory

SLOT_PREFIX = "appointment_"
STEPS = {"book": ("reason", "diary", "slot", "name", "contact", "confirmed"),
         "move": ("reference", "contact", "slot", "confirmed"),
         "cancel": ("reference", "contact", "confirmed")}
TASK_BY_INTENT = {"appointment": "book", "appointment_change": "move", "appointment_cancel": "cancel"}
MAX_LOOKUPS = 3
AFFIRM, DENY = "affirm", "deny"
# results
BOOKED, MOVED, CANCELLED, STOPPED, KEPT, GAVE_UP, FAILED = (
    "booked", "moved", "cancelled", "stopped", "kept", "gave_up", "failed")


@dataclass
class Form:
    """The form's slots (each is a Rasa slot named appointment_<field>)."""
    task: str = "book"
    reason: Optional[str] = None
    diary: Optional[str] = None
    home: Optional[bool] = None          # a home visit asked for, the district not known yet
    slot: Optional[str] = None
    wanted: Optional[List[Optional[str]]] = None   # [earliest, latest, exact], said before the diary was known
    offers: Optional[List[str]] = None
    name: Optional[str] = None
    contact: Optional[str] = None
    access: Optional[str] = None
    interpreter: Optional[str] = None
    reference: Optional[str] = None
    current: Optional[str] = None        # move/cancel: the booking's present start
    found: Optional[bool] = None         # move/cancel: reference and contact matched a booking
    lookups: Optional[float] = None
    confirmed: Optional[bool] = None
    request_key: Optional[str] = None
    result: Optional[str] = None

    @classmethod
    def from_slots(cls, slots: Dict[str, Any]) -> "Form":
        known = {name: slots.get(SLOT_PREFIX + name) for name in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in known.items() if v is not None})

    def slots(self) -> Dict[str, Any]:
        return {SLOT_PREFIX + k: v for k, v in asdict(self).items()}

    @property
    def contact_kind(self) -> Optional[str]:
        return None if self.contact is None else "email" if "@" in self.contact else "phone"


@dataclass(frozen=True)
class Message:
    text: str
    intent: Optional[str]
    places: Sequence[Mention] = ()
    channel: str = "unknown"
    sender: str = ""
    earlier_category: Optional[str] = None   # the label of what they contacted about before, if any


@dataclass
class Notice:
    response: str
    variables: Dict[str, Any] = field(default_factory=dict)


@dataclass
class Turn:
    form: Form
    requested: Optional[str]            # the next field to ask for; None: the form is done
    notices: List[Notice]


@dataclass(frozen=True)
class Desk:
    """What the conversation books against."""
    diaries: Diaries
    store: SqlBookingStore
    directory: Directory
    now: datetime
    new_key: Callable[[], str] = lambda: uuid.uuid4().hex


def start(task: str, channel: str, sender: str, previous: Form) -> Form:
    """A fresh form; move/cancel right after booking in the same conversation know the booking."""
    form = Form(task=task)
    if task != "book" and previous.reference and previous.contact:
        form = replace(form, reference=previous.reference, contact=previous.contact)
    if form.contact is None and channel == "twilio":
        found = details.contact_in(sender)
        form.contact = found[1] if found and found[0] == "phone" else None
    return form


def step(form: Form, requested: Optional[str], message: Message, desk: Desk) -> Turn:
    turn = Turn(replace(form), requested, [])
    if details.is_stop(message.text) or (message.intent == "appointment_cancel" and form.task == "book" and requested):
        return _finished(turn, STOPPED if form.task != "cancel" else KEPT)
    before = replace(turn.form)
    if requested == "confirmed":
        _at_read_back(turn, message, desk)
    else:
        _absorb(turn, requested, message, desk)
    if turn.form.result is None:
        _settle(turn, desk)
    if turn.form.result is not None:
        return _finished(turn, turn.form.result)
    if _details_changed(before, turn.form):
        turn.form.confirmed, turn.form.request_key = None, None
    turn.requested = next((f for f in STEPS[turn.form.task] if _missing(turn.form, f)), None)
    if turn.requested == "confirmed" and turn.form.request_key is None:
        turn.form.request_key = desk.new_key()
    return turn


# --- reading a message ----------------------------------------------------------------------------

def _absorb(turn: Turn, requested: Optional[str], message: Message, desk: Desk) -> None:
    form, text = turn.form, message.text
    if requested == "reason":
        form.reason = details.reason_answer(text)
        return
    _contact(form, text)
    if requested == "name":
        form.name = details.name_in(text, answering=True)
        if form.name is None:
            turn.notices.append(Notice("utter_appointment_invalid_name"))
        return
    if requested == "contact" and not details.contact_in(text):
        turn.notices.append(Notice("utter_appointment_invalid_contact"))
        return
    if requested == "reference":
        form.reference = details.reference_in(text) or form.reference
        if details.reference_in(text) is None:
            turn.notices.append(Notice("utter_appointment_invalid_reference"))
        return
    picked = details.offer_picked(text, len(form.offers or [])) if requested == "slot" else None
    if picked is not None:
        form.wanted, form.slot = [form.offers[picked]] * 3, None
        return
    changed = _everything(turn, message, desk)
    if requested == "diary" and form.diary is None and not form.home and not turn.notices:
        turn.notices.append(Notice("utter_appointment_place_unknown"))
    if requested == "slot" and not changed and not turn.notices:
        turn.notices.append(Notice("utter_appointment_time_unclear"))


def _at_read_back(turn: Turn, message: Message, desk: Desk) -> None:
    form = turn.form
    button = details.offer_picked(message.text, 2)      # the read-back's own two buttons, by place
    if button is not None:
        message = replace(message, text="", intent=AFFIRM if button == 0 else DENY)
    if form.task == "cancel" and message.intent == DENY:
        form.result = KEPT
        return
    before = replace(form)
    changed = _everything(turn, message, desk) if form.task == "book" else _time_only(turn, message, desk)
    if changed and not _details_changed(before, form) and form.wanted is None and message.intent == AFFIRM:
        changed = False         # "yes, Tuesday is fine": what they confirm, not a change
    if not changed and not turn.notices and message.intent == AFFIRM:
        _commit(turn, message, desk)
        return
    field_named = details.field_to_change(message.text)
    if not changed and field_named and (form.task == "book" or field_named == "slot"):
        _ask_again(form, field_named)
        return
    if not changed and not turn.notices:
        asked = details.asks_to_change(message.text) or message.intent == DENY
        prompt = {"book": "utter_appointment_what_to_change", "move": "utter_appointment_which_new_time"}[form.task] \
            if asked else "utter_appointment_confirm_hint"
        turn.notices.append(Notice(prompt))


def _ask_again(form: Form, field_name: str) -> None:
    """Forget one detail so the form asks for it again ("the time" -> the free times again)."""
    setattr(form, field_name, None)
    if field_name in ("slot", "diary"):
        form.slot, form.offers = None, None
    if field_name == "diary":
        form.home = None


def _contact(form: Form, text: str) -> bool:
    found = details.contact_in(text)
    if found:
        form.contact = found[1]
    return bool(found)


def _everything(turn: Turn, message: Message, desk: Desk) -> bool:
    """Every detail the message gives; True if it gave any."""
    form, text = turn.form, message.text
    found = [_contact(form, text)]
    if form.task == "book":
        name, reason = details.name_in(text), details.reason_in(text)
        if reason is None and details.points_back(text) and message.earlier_category:
            reason = message.earlier_category
        access, interpreter = details.access_needs_in(text), details.interpreter_in(text)
        for attribute, value in (("name", name), ("reason", reason), ("access", access), ("interpreter", interpreter)):
            if value:
                setattr(form, attribute, value)
                found.append(True)
        found.append(_where(turn, message, desk))
    reference = details.reference_in(text)
    if reference and form.task != "book":
        form.reference, form.found = reference, None
        found.append(True)
    found.append(_time_only(turn, message, desk))
    return any(found)


def _time_only(turn: Turn, message: Message, desk: Desk) -> bool:
    wanted = understand_when(details.without_contact(message.text), desk.now)
    if not wanted.understood:
        return False
    chosen = _parse_iso(turn.form.slot)
    if chosen and (chosen == wanted.exact or (wanted.exact is None and wanted.earliest <= chosen <= wanted.latest)):
        return True             # the time already chosen fits what they said
    turn.form.wanted = [_iso(wanted.earliest), _iso(wanted.latest), _iso(wanted.exact)]
    turn.form.slot = None
    return True


def _where(turn: Turn, message: Message, desk: Desk) -> bool:
    form = turn.form
    home = details.wants_home_visit(message.text)
    if details.wants_other_station(message.text) and not message.places:
        form.diary, form.home, form.slot, form.offers = None, None, None, None
        return True
    if not message.places:
        if home:
            form.home, form.diary = True, None
            form.slot = form.offers = None
        return home
    located = resolve(list(message.places), desk.directory.gazetteer)
    if located.district == OUTSIDE:
        turn.notices.append(Notice("utter_appointment_outside"))
        return True
    district = located.district or (located.candidates[0] if located.candidates else None)
    if district is None:
        return False
    if home or form.home:
        diary = HOME_PREFIX + district
    else:
        station = desk.directory.nearest_station(_station_place(message) or located.place, district)
        diary = station.id if station else None
    if diary and diary != form.diary:
        form.diary, form.home, form.slot, form.offers = diary, None, None, None
    return diary is not None


def _station_place(message: Message) -> Optional[str]:
    """The place said right before "station" ("Hatfield police station"), if any."""
    for mention in message.places:
        after = message.text[mention.end:mention.end + 20].lower()
        if mention.place and "station" in after:
            return mention.place.name
    return None


# --- settling what is known -----------------------------------------------------------------------

def _settle(turn: Turn, desk: Desk) -> None:
    form = turn.form
    if form.task != "book" and form.reference and form.contact and not form.found:
        _look_up(turn, desk)
        if form.result or not form.found:
            return
    if form.diary and form.task != "cancel" and not form.slot and (form.wanted or form.offers is None):
        _choose(turn, desk)


def _look_up(turn: Turn, desk: Desk) -> None:
    form = turn.form
    try:
        booking = desk.store.find(form.reference, form.contact)
    except NotFound:
        form.lookups = (form.lookups or 0) + 1
        if form.lookups >= MAX_LOOKUPS:
            form.result = GAVE_UP
            return
        turn.notices.append(Notice("utter_appointment_not_found"))
        form.reference, form.contact, form.found = None, None, None
        return
    form.found, form.diary, form.current = True, booking.diary, _iso(booking.starts_at)


def _choose(turn: Turn, desk: Desk) -> None:
    form = turn.form
    if form.wanted:
        choice = choose(desk.diaries, desk.store, form.diary, _wanted(form.wanted), desk.now)
        form.wanted = None
    else:
        choice = Choice(offers=free_slots(desk.diaries, desk.store, form.diary, desk.now))
    if choice.slot is not None:
        form.slot, form.offers = _iso(choice.slot.starts_at), None
        return
    form.offers = [_iso(s.starts_at) for s in choice.offers]
    if choice.problem:
        turn.notices.append(Notice(f"utter_appointment_time_{choice.problem}", {
            "day": choice.day.strftime("%A %-d %B") if choice.day else None,
            "hours": int(desk.diaries.lead_time.total_seconds() // 3600), "days": desk.diaries.horizon.days}))
    if not choice.offers:
        turn.notices.append(Notice("utter_appointment_no_slots"))
        form.diary = None


# --- committing -----------------------------------------------------------------------------------

def _commit(turn: Turn, message: Message, desk: Desk) -> None:
    form = turn.form
    try:
        if form.task == "cancel":
            desk.store.cancel(form.reference, form.contact)
            form.result = CANCELLED
            return
        slot = _slot(form, desk)
        if slot is None:
            _slot_gone(turn, desk)
            return
        if form.task == "move":
            desk.store.move(form.reference, form.contact, slot)
            form.result = MOVED
            return
        booking, next_free = confirm(desk.diaries, desk.store, slot, draft(form, message), form.request_key or desk.new_key(), desk.now)
        if booking is None:
            _slot_gone(turn, desk, next_free)
            return
        form.reference, form.result = booking.reference, BOOKED
    except SlotFull:
        _slot_gone(turn, desk)
    except NotFound:
        form.result = GAVE_UP


def draft(form: Form, message: Message) -> BookingDraft:
    return BookingDraft(reason=form.reason or "", name=form.name or "", contact_kind=form.contact_kind or "phone",
                        contact=form.contact or "", channel=message.channel, conversation_id=message.sender,
                        access_needs=form.access, interpreter_language=form.interpreter)


def _slot(form: Form, desk: Desk) -> Optional[Slot]:
    start = _parse_iso(form.slot)
    if start is None or form.diary is None:
        return None
    return desk.diaries.slot_at(form.diary, start, desk.now)


def _slot_gone(turn: Turn, desk: Desk, next_free: Optional[List[Slot]] = None) -> None:
    form = turn.form
    offers = next_free if next_free is not None else free_slots(desk.diaries, desk.store, form.diary, desk.now)
    form.slot, form.confirmed, form.offers = None, None, [_iso(s.starts_at) for s in offers]
    turn.notices.append(Notice("utter_appointment_taken_meanwhile"))


def _finished(turn: Turn, result: str) -> Turn:
    turn.form.result, turn.requested = result, None
    return turn


# --- helpers --------------------------------------------------------------------------------------

def _missing(form: Form, name: str) -> bool:
    return name == "confirmed" or getattr(form, name) is None


def _details_changed(before: Form, after: Form) -> bool:
    keys = ("reason", "diary", "slot", "name", "contact", "access", "interpreter", "reference")
    return any(getattr(before, k) != getattr(after, k) for k in keys)


def _iso(moment: Optional[datetime]) -> Optional[str]:
    return moment.astimezone(timezone.utc).isoformat() if moment else None


def _parse_iso(text: Optional[str]) -> Optional[datetime]:
    return datetime.fromisoformat(text) if text else None


def _wanted(stored: List[Optional[str]]) -> WhenWanted:
    earliest, latest, exact = (_parse_iso(v) for v in stored)
    return WhenWanted(earliest, latest, exact, True)
