"""The appointment conversation's steps against real SQLite and the real diaries: what each message
fills, what is asked next, and what is booked, moved or cancelled."""
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.appointments import diary
from bot.appointments.dialogue import Desk, Form, Message, start, step
from bot.appointments.model import NotFound
from bot.appointments.sql_store import SqlBookingStore
from bot.geo import teams
from bot.geo.matching import finder

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=LONDON)          # a Tuesday
DIARIES = diary.load()
DIRECTORY = teams.load()
EVERYTHING = ("I'd like an appointment at Hatfield police station next Tuesday at 11am about my stolen bike. "
              "My name is Jane Smith, 07911 123456")


@pytest.fixture
def desk(tmp_path):
    return Desk(DIARIES, SqlBookingStore(f"sqlite:///{tmp_path / 'appointments.db'}"), DIRECTORY, NOW)


def say(desk, form, requested, text, intent=None, channel="socketio", sender="web-1", earlier=None):
    message = Message(text, intent, finder().find(text), channel, sender, earlier)
    return step(form, requested, message, desk)


def local(iso):
    return datetime.fromisoformat(iso).astimezone(LONDON)


def test_everything_in_the_first_message_goes_straight_to_the_read_back_and_yes_books(desk):
    turn = say(desk, start("book", "socketio", "web-1", Form()), None, EVERYTHING)
    form = turn.form
    assert turn.requested == "confirmed" and turn.notices == []
    assert (form.diary, form.reason, form.name, form.contact) == ("hatfield", "my stolen bike", "Jane Smith", "+447911123456")
    assert local(form.slot) == datetime(2026, 12, 1, 11, 0, tzinfo=LONDON)
    booked = say(desk, form, "confirmed", "yes", intent="affirm")
    assert booked.requested is None and booked.form.result == "booked"
    stored = desk.store.find(booked.form.reference, "+447911123456")
    assert (stored.diary, stored.draft.name, stored.draft.conversation_id) == ("hatfield", "Jane Smith", "web-1")


def test_one_question_at_a_time_with_offers_a_home_visit_and_access_needs(desk):
    turn = say(desk, start("book", "socketio", "web-2", Form()), None, "can I book to see an officer")
    assert turn.requested == "reason"
    turn = say(desk, turn.form, "reason", "my neighbour keeps threatening me")
    assert (turn.form.reason, turn.requested) == ("my neighbour keeps threatening me", "diary")
    turn = say(desk, turn.form, "diary", "can someone visit me at home in Royston")
    assert (turn.form.diary, turn.requested) == ("home:north_herts", "slot")
    assert len(turn.form.offers) == 4
    turn = say(desk, turn.form, "slot", "saturday morning")
    assert turn.requested == "slot" and {local(o).strftime("%a") for o in turn.form.offers} == {"Sat"}
    first = local(turn.form.offers[0])
    turn = say(desk, turn.form, "slot", first.strftime("%-d/%-m/%Y at %H:%M"))
    assert (local(turn.form.slot), turn.requested) == (first, "name")
    turn = say(desk, turn.form, "name", "it's sam")
    assert (turn.form.name, turn.requested) == ("Sam", "contact")
    turn = say(desk, turn.form, "contact", "sam at home")
    assert turn.requested == "contact" and [n.response for n in turn.notices] == ["utter_appointment_invalid_contact"]
    turn = say(desk, turn.form, "contact", "sam@example.org")
    assert turn.requested == "confirmed"
    turn = say(desk, turn.form, "confirmed", "I use a wheelchair and need a Polish interpreter")
    assert turn.requested == "confirmed"
    assert (turn.form.interpreter, turn.form.access) == ("Polish", "I use a wheelchair and need a Polish interpreter")
    assert say(desk, turn.form, "confirmed", "yes please", intent="affirm").form.result == "booked"


@pytest.mark.parametrize("said, problem", [
    ("yesterday at 11", "utter_appointment_time_past"),
    ("on 20/1/2027 at 11", "utter_appointment_time_too_far"),
    ("sunday at 11", "utter_appointment_time_closed"),
    ("sunday morning", "utter_appointment_time_closed"),
    ("tomorrow at 7am", "utter_appointment_time_not_open_then"),
])
def test_a_time_that_cannot_be_had_is_explained_and_slots_are_offered(desk, said, problem):
    form = Form(reason="advice", diary="hitchin")
    turn = say(desk, form, "slot", said)
    assert [n.response for n in turn.notices] == [problem]
    assert turn.requested == "slot" and len(turn.form.offers) == 4
    assert all(local(o) >= NOW + DIARIES.lead_time for o in turn.form.offers)


def test_a_slot_taken_between_the_read_back_and_yes_offers_the_next_ones(desk):
    turn = say(desk, Form(), None, "appointment at Tring on 1/12/2026 at 10:00 about a fraud, my name is Al, al@example.org")
    assert turn.requested == "confirmed"
    other = say(desk, Form(), None, "appointment at Tring on 1/12/2026 at 10:00 about noise, my name is Bo, bo@example.org")
    assert say(desk, other.form, "confirmed", "yes", intent="affirm").form.result == "booked"
    late = say(desk, turn.form, "confirmed", "yes", intent="affirm")
    assert late.form.result is None and late.requested == "slot"
    assert [n.response for n in late.notices] == ["utter_appointment_taken_meanwhile"]
    assert local(late.form.offers[0]) == datetime(2026, 12, 1, 11, 0, tzinfo=LONDON)


def test_move_and_cancel_need_the_reference_and_the_contact_given(desk):
    booked = say(desk, say(desk, Form(), None, EVERYTHING).form, "confirmed", "yes", intent="affirm").form
    move = say(desk, start("move", "socketio", "web-9", Form()), None, f"can I move {booked.reference} to Thursday")
    assert move.requested == "contact"
    wrong = say(desk, move.form, "contact", "07911 654321")
    assert [n.response for n in wrong.notices] == ["utter_appointment_not_found"] and wrong.requested == "reference"
    move = say(desk, wrong.form, "reference", booked.reference.lower().replace("-", " "))
    move = say(desk, move.form, "contact", "07911123456")
    assert move.requested == "slot" and move.form.found
    move = say(desk, move.form, "slot", "thursday at 2pm")
    assert move.requested == "confirmed"
    moved = say(desk, move.form, "confirmed", "yes", intent="affirm")
    assert moved.form.result == "moved"
    assert desk.store.find(booked.reference, "+447911123456").starts_at.astimezone(LONDON) == \
        datetime(2026, 11, 26, 14, 0, tzinfo=LONDON)
    cancel = say(desk, start("cancel", "socketio", "web-1", booked), None, "cancel my appointment")
    assert cancel.requested == "confirmed"
    assert say(desk, cancel.form, "confirmed", "no", intent="deny").form.result == "kept"
    assert say(desk, cancel.form, "confirmed", "yes", intent="affirm").form.result == "cancelled"
    with pytest.raises(NotFound):
        desk.store.find(booked.reference, "+447911123456")


def test_three_wrong_lookups_give_up_and_by_sms_the_number_texting_is_the_contact(desk):
    form = start("cancel", "twilio", "+447911123456", Form())
    assert form.contact == "+447911123456"
    for attempt in range(3):
        turn = say(desk, form, "reference", "APT-26-999999", channel="twilio", sender="+447911123456")
        form = turn.form if attempt < 2 else form
        form.contact = form.contact or "+447911123456"
    assert turn.form.result == "gave_up"


def test_stop_leaves_without_booking_and_a_name_is_not_taken_from_no(desk):
    turn = say(desk, Form(reason="x", diary="hitchin", slot=None), "name", "no")
    assert [n.response for n in turn.notices] == ["utter_appointment_invalid_name"]
    assert say(desk, turn.form, "name", "stop").form.result == "stopped"


def test_about_it_takes_the_reason_from_what_they_said_before(desk):
    turn = say(desk, Form(), None, "can I see an officer about it", earlier="Something stolen")
    assert turn.form.reason == "Something stolen"


def test_a_place_outside_hertfordshire_is_explained(desk):
    turn = say(desk, Form(reason="advice"), "diary", "Luton")
    assert [n.response for n in turn.notices] == ["utter_appointment_outside"] and turn.requested == "diary"


def test_the_read_back_survives_a_yes_that_repeats_the_day(desk):
    turn = say(desk, Form(), None, EVERYTHING)
    assert say(desk, turn.form, "confirmed", "yes tuesday is fine", intent="affirm").form.result == "booked"


def test_the_next_step_after_now_is_never_in_the_lead_time(desk):
    turn = say(desk, Form(reason="advice"), "diary", "Hitchin")
    assert local(turn.form.offers[0]) >= NOW + timedelta(hours=2)


@pytest.mark.parametrize("first", [
    EVERYTHING,
    "Hi my name's Tom Price. Can I get an appointment at Watford police station on 2/12 at 3pm to report a hit "
    "and run? tom.price@example.org",
    "book me in at Hitchin police station tomorrow at 10:00 regarding a scam phone call, name is Ola Ade, 07911 222333",
    "07911 444555 - my name is Chris. I need to see an officer about my stolen van, Stevenage station, Saturday at 11am",
    "can an officer visit me at home in Tring on Friday at 2pm about my neighbour threatening me? my name is Bea Ross, "
    "bea@example.org",
])
def test_a_resident_who_says_everything_at_once_is_read_back_at_once(desk, first):
    turn = say(desk, Form(), None, first)
    assert turn.requested == "confirmed", turn.form
    assert turn.form.slot and turn.form.reason and turn.form.name and turn.form.contact


@pytest.mark.parametrize("said, asked", [("the time", "slot"), ("my number", "contact"), ("station", "diary"),
                                         ("name", "name"), ("the reason", "reason")])
def test_naming_what_to_change_at_the_read_back_asks_for_it_again(desk, said, asked):
    turn = say(desk, Form(), None, EVERYTHING)
    turn = say(desk, turn.form, "confirmed", "change something")
    assert [n.response for n in turn.notices] == ["utter_appointment_what_to_change"]
    turn = say(desk, turn.form, "confirmed", said)
    assert turn.requested == asked and turn.notices == []
    if asked == "slot":
        assert len(turn.form.offers) == 4


def test_an_offered_time_is_picked_by_its_place_and_the_read_back_buttons_too(desk):
    turn = say(desk, Form(reason="advice", diary="hitchin"), "slot", "saturday morning")
    offers = turn.form.offers
    turn = say(desk, turn.form, "slot", "the second one is fine")
    assert (turn.form.slot, turn.requested) == (offers[1], "name")
    turn = say(desk, Form(), None, EVERYTHING)
    changing = say(desk, turn.form, "confirmed", "the second one", intent="affirm")
    assert changing.form.result is None and [n.response for n in changing.notices] == ["utter_appointment_what_to_change"]
    assert say(desk, turn.form, "confirmed", "the first one", intent="affirm").form.result == "booked"
