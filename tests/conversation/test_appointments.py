"""Booking, moving and cancelling an appointment through the real Rasa server and action server, on
the web (REST and the webchat's socket.io) and by SMS (signed as Twilio signs), against the real
SQLite booking store, with the confirmation text landing on the local Twilio stand-in."""
import re
import uuid
from datetime import datetime, timezone

import pytest

from bot.appointments.model import LONDON
from bot.appointments.sql_store import SqlBookingStore, default_url
from bot.appointments.when import understand_when
from bot.appointments.wording import when_text
from tests.conversation.test_webchat_socket import Browser
from tests.twilio_client import messages, post, twilio_form

pytestmark = pytest.mark.servers
MOBILE = "07911 123456"
REFERENCE = re.compile(r"APT-\d{2}-\d{6}")


def texts(replies):
    return [r["text"] for r in replies if r.get("text")]


def store(stack):
    return SqlBookingStore(default_url(stack.var_dir))


def exactly(text):
    """When the resident means, as the bot will read it now (UTC)."""
    return understand_when(text, datetime.now(LONDON)).exact.astimezone(timezone.utc)


def reference_in(replies):
    return REFERENCE.search(" ".join(replies)).group()


def test_everything_in_the_first_message_books_in_two_bot_turns_with_a_text_and_a_calendar(
        stack, sender, responses, twilio_rest):
    first = ("I'd like an appointment at Hatfield police station next Tuesday at 11am about my stolen bike. "
             f"My name is Jane Smith, {MOBILE}")
    turns = [stack.say(sender, first)]
    read_back = texts(turns[0])
    assert len(read_back) == 1 and read_back[0].startswith("Please check:")
    assert "Hatfield Police Station" in read_back[0] and "my stolen bike" in read_back[0]
    assert "Jane Smith" in read_back[0] and MOBILE in read_back[0]
    assert [b["title"] for b in turns[0][0]["buttons"]] == ["Yes, book it", "Change something"]
    turns.append(stack.say(sender, "yes"))
    assert len(turns) <= 4
    said = texts(turns[1])
    reference = reference_in(said)
    assert said[0].startswith("Booked.") and responses["utter_appointment_texted"] in said
    booking = store(stack).find(reference, "+447911123456")
    assert (booking.diary, booking.starts_at, booking.draft.reason) == ("hatfield", exactly("next tuesday at 11am"),
                                                                        "my stolen bike")
    assert booking.draft.channel == "rest" and booking.draft.conversation_id == sender
    [calendar] = [r["custom"]["calendar"] for r in turns[1] if "custom" in r]
    assert calendar["filename"] == f"{reference}.ics" and calendar["ics"].startswith("BEGIN:VCALENDAR")
    assert "stolen" not in calendar["ics"] and "Jane" not in calendar["ics"]
    [sms] = [m for m in twilio_rest.sent if reference in m.get("Body", "")]
    assert sms["To"] == "+447911123456" and "stolen" not in sms["Body"]
    slots = stack.slots(sender)
    assert (slots["issue_category"], slots["outcome"], slots["urgency"]) == ("appointment", "appointment_booked",
                                                                             "non_emergency")


def test_step_by_step_on_the_webchat_with_offered_slots_and_a_bad_phone_number(stack, responses):
    browser = Browser(stack.url)
    session = browser.open()
    try:
        assert browser.say(session, "can I book to see an officer")[0]["text"] == responses["utter_ask_appointment_reason"]
        assert browser.say(session, "someone keeps damaging my car")[0]["text"] == responses["utter_ask_appointment_diary"]
        offer = browser.say(session, "Hitchin")[0]
        assert "Hitchin Police Station" in offer["text"]
        choices = offer["quick_replies"]
        assert 3 <= len(choices) <= 5
        assert browser.say(session, choices[1]["payload"])[0]["text"] == responses["utter_ask_appointment_name"]
        assert browser.say(session, "Sam")[0]["text"] == responses["utter_ask_appointment_contact"]
        bad = browser.say(session, "0791 12", expect=2)
        assert [r["text"] for r in bad] == [responses["utter_appointment_invalid_contact"],
                                            responses["utter_ask_appointment_contact"]]
        read_back = browser.say(session, "sam@example.org")[0]["text"]
        assert "Hitchin Police Station" in read_back and "sam@example.org" in read_back
        done = browser.say(session, "/affirm", expect=3)
    finally:
        browser.close()
    reference = reference_in([r.get("text") or "" for r in done])
    [calendar] = [r["custom"]["calendar"] for r in done if "custom" in r]
    assert calendar["ics"].startswith("BEGIN:VCALENDAR")
    booking = store(stack).find(reference, "sam@example.org")
    assert booking.diary == "hitchin" and when_text(booking.starts_at.isoformat()) in done[0]["text"]


def test_move_then_cancel_need_the_reference_and_the_contact_given(stack, responses):
    booker = f"web-{uuid.uuid4().hex[:8]}"
    stack.say(booker, f"book an appointment at Tring police station next Wednesday at 2pm about a fraud, "
                      f"my name is Al Jones, {MOBILE}")
    reference = reference_in(texts(stack.say(booker, "yes")))

    mover = f"web-{uuid.uuid4().hex[:8]}"
    assert texts(stack.say(mover, "can I move my appointment to next Wednesday at 4pm")) == [
        responses["utter_ask_appointment_reference"]]
    assert texts(stack.say(mover, reference.lower())) == [responses["utter_ask_appointment_contact_given"]]
    assert texts(stack.say(mover, "07911 000000")) == [responses["utter_appointment_not_found"],
                                                       responses["utter_ask_appointment_reference"]]
    stack.say(mover, reference)
    read_back = texts(stack.say(mover, MOBILE))[0]
    assert read_back.startswith("Move your appointment at Tring Police Station")
    assert texts(stack.say(mover, "yes"))[0].startswith("Done. Your appointment is now on")
    assert store(stack).find(reference, "+447911123456").starts_at == exactly("next wednesday at 4pm")
    assert stack.slots(mover)["outcome"] == "appointment_changed"

    canceller = f"web-{uuid.uuid4().hex[:8]}"
    read_back = texts(stack.say(canceller, f"please cancel my appointment {reference}, my number is {MOBILE}"))
    assert read_back[0].startswith("Cancel your appointment on")
    assert texts(stack.say(canceller, "yes"))[0].startswith("Done. Your appointment on")
    assert store(stack).for_day("tring", exactly("next wednesday at 4pm").astimezone(LONDON).date(), LONDON) == []
    assert stack.slots(canceller)["outcome"] == "appointment_cancelled"


def test_an_emergency_in_the_middle_is_answered_first_and_the_booking_goes_on(stack, sender, responses):
    stack.say(sender, "I want to book an appointment at Royston police station about a theft")
    asked = texts(stack.say(sender, exactly_payload(stack, sender)))
    assert asked == [responses["utter_ask_appointment_name"]]
    replies = texts(stack.say(sender, "there's a man with a knife outside my door right now"))
    assert replies[0] == responses["utter_emergency_now"]
    assert texts(stack.say(sender, "Priya")) == [responses["utter_ask_appointment_contact"]]
    assert stack.slots(sender)["appointment_name"] == "Priya"


def exactly_payload(stack, sender):
    """The first slot the bot offered this conversation, as its button's payload."""
    offers = stack.slots(sender)["appointment_offers"]
    moment = datetime.fromisoformat(offers[0]).astimezone(LONDON)
    return f"{moment:%-d/%-m/%Y} at {moment:%H:%M}"


def test_a_time_that_has_gone_or_a_closed_day_is_explained_with_slots(stack, sender, responses):
    stack.say(sender, "can I see an officer at Letchworth police station about my neighbour")
    replies = stack.say(sender, "yesterday at 11")
    assert replies[0]["text"] == responses["utter_appointment_time_past"]
    assert 3 <= len(replies[1]["buttons"]) <= 5
    replies = stack.say(sender, "next sunday at 11")
    assert replies[0]["text"].startswith("There are no appointments there on Sunday")
    offered = stack.slots(sender)["appointment_offers"]
    assert texts(stack.say(sender, "the second one")) == [responses["utter_ask_appointment_name"]]
    assert stack.slots(sender)["appointment_slot"] == offered[1]


@pytest.fixture
def webhook(stack):
    return f"{stack.url}/webhooks/twilio/webhook"


def sms(webhook, number, body):
    return messages(post(webhook, twilio_form(number, body)))


def test_book_move_and_cancel_by_sms_with_numbered_replies(stack, webhook):
    number = f"+4479110{uuid.uuid4().int % 10**5:05d}"
    offer = " ".join(sms(webhook, number, "I'd like an appointment at Stevenage police station about my stolen phone"))
    assert "Stevenage Police Station" in offer and "Reply with a number" in offer and "Reply 1 for" in offer
    assert sms(webhook, number, "1") == ["What is your name? A first name is fine."]
    read_back = " ".join(sms(webhook, number, "Chris"))
    assert read_back.startswith("Please check:") and "Chris" in read_back
    assert "0" + number[3:6] in read_back.replace(" ", "")       # the number texting is the contact
    booked = " ".join(sms(webhook, number, "1"))
    reference = REFERENCE.search(booked).group()
    assert booked.startswith("Booked.") and "calendar" not in booked.lower()
    first = store(stack).find(reference, number)

    # the same conversation knows the booking: its reference, and the number texting is the one given
    read_back = " ".join(sms(webhook, number, "can I move my appointment to next Friday at 3pm"))
    assert read_back.startswith("Move your appointment at Stevenage Police Station")
    assert " ".join(sms(webhook, number, "yes")).startswith("Done. Your appointment is now on")
    moved = store(stack).find(reference, number)
    assert moved.starts_at == exactly("next friday at 3pm") != first.starts_at

    assert " ".join(sms(webhook, number, f"cancel my appointment {reference}")).startswith("Cancel your appointment")
    cancelled = sms(webhook, number, "yes")
    assert cancelled[0].startswith("Done. Your appointment on") and "If you cannot come" not in " ".join(cancelled)
    assert stack.slots(number)["outcome"] == "appointment_cancelled"
