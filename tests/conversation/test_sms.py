"""Residents texting the SMS webhook, signed as Twilio signs, through the real Rasa and action servers."""
import asyncio
import re
import statistics
import time
import uuid

import pytest
import requests

from bot.conversations.stores import IndexedSQLTrackerStore
from bot.sms import messages as sms_messages
from tests.histories import DOMAIN, seed
from tests.twilio_client import OUR_NUMBER, messages, post, sign, twilio_form

SMS = sms_messages.load().messages


@pytest.fixture
def webhook(stack):
    return f"{stack.url}/webhooks/twilio/webhook"


@pytest.fixture
def number():
    return f"+4477009{uuid.uuid4().int % 10**5:05d}"


def text(webhook, number, body, **extra):
    return messages(post(webhook, twilio_form(number, body, **extra)))


def test_a_knife_outside_gets_999_first_in_one_sms(webhook, number, responses):
    replies = text(webhook, number, "there's a man with a knife outside")
    assert replies[0] == responses["utter_emergency_now"]
    assert "999" in replies[0] and len(replies[0]) <= 160
    details = " ".join(replies[1:])
    assert "does not reach 999" in details and "55" in details and "18000" in details and "register" in details


def test_forged_missing_and_stale_signatures_are_refused_and_not_processed(stack, webhook, number):
    form = twilio_form(number, "my shed was broken into")
    assert post(webhook, form, signature="not-a-signature").status_code == 403
    assert post(webhook, form, signature="").status_code == 403
    old_token = sign(webhook, form, token="a-rotated-old-token")
    assert post(webhook, form, signature=old_token).status_code == 403
    tampered = {**form, "Body": "something else"}
    assert post(webhook, tampered, signature=sign(webhook, form)).status_code == 403
    other_url = sign(webhook.replace("/webhook", "/other"), form)
    assert post(webhook, form, signature=other_url).status_code == 403
    assert requests.post(webhook, json={"From": number, "Body": "hi"}, timeout=10).status_code == 403
    assert not stack.user_texts(number)


def test_a_whole_antisocial_behaviour_report_by_sms(stack, webhook, number, responses):
    replies = text(webhook, number, "gangs of kids shouting and throwing stones at cars in Hitchin every night")
    assert "Reply 1 for" not in replies[0]
    assert any("Safer Neighbourhood Team" in r for r in replies)
    replies = text(webhook, number, "yes")
    assert replies == [responses["utter_ask_referral_summary"]]
    replies = text(webhook, number, "most nights after 9 by the shops on Bancroft")
    assert replies[0].startswith(responses["utter_ask_contact_preference"])
    assert re.search(r"Reply 1 for .+, 2 for .+\.", replies[0])
    replies = text(webhook, number, "4")
    reference = re.search(r"HRT-\d{2}-\d{6}", " ".join(replies))
    assert reference, replies
    slots = stack.slots(number)
    assert slots["issue_category"] == "antisocial_behaviour"
    assert (slots["district"], slots["outcome"], slots["urgency"]) == ("north_herts", "routed_to_team", "non_emergency")
    assert stack.tracker(number).json()["latest_input_channel"] == "twilio"


def test_a_numbered_reply_picks_that_button_and_free_text_still_works(stack, webhook, number):
    replies = text(webhook, number, "teenagers keep setting fires in the park at Kings Langley")
    question = replies[-1]
    assert re.search(r"Reply 1 for \w+, 2 for \w+", question), replies
    first_choice = re.search(r"Reply 1 for ([\w ]+?),", question).group(1)
    text(webhook, number, "1")
    assert stack.slots(number)["district"] == first_choice.lower().replace(" ", "_")


def test_stop_start_and_help(stack, webhook, number):
    assert text(webhook, number, "HELP") == [SMS["help"]]
    assert text(webhook, number, "Stop") == [SMS["stopped"]]
    assert text(webhook, number, "STOP") == []
    assert text(webhook, number, "someone stole my bike from the station") == []
    assert "someone stole my bike from the station" in stack.user_texts(number)
    assert text(webhook, number, "start") == [SMS["started"]]
    assert text(webhook, number, "someone stole my bike from the station")


def test_twilio_advanced_opt_out_is_recorded_without_a_second_confirmation(webhook, number):
    assert text(webhook, number, "stop", OptOutType="STOP") == []
    assert text(webhook, number, "my car was scratched last night") == []
    assert text(webhook, number, "start", OptOutType="START") == []
    assert text(webhook, number, "my car was scratched last night")


def test_a_redelivered_message_sid_is_processed_once_and_gets_the_same_answer(stack, webhook, number):
    form = twilio_form(number, "my bike was stolen from outside hitchin station on monday")
    first, again = messages(post(webhook, form)), messages(post(webhook, form))
    assert first and first == again
    assert stack.user_texts(number).count("my bike was stolen from outside hitchin station on monday") == 1


def test_photos_are_explained_and_the_words_still_answered(webhook, number):
    replies = text(webhook, number, "", NumMedia="1", MediaUrl0="https://api.twilio.com/media/ME1",
                   MediaContentType0="image/jpeg")
    assert replies == [SMS["media"]]
    replies = text(webhook, number, "this van has been dumped on my road for weeks", NumMedia="1",
                   MediaUrl0="https://api.twilio.com/media/ME2", MediaContentType0="image/jpeg")
    assert len(replies) >= 2 and SMS["media"] in replies[-1]


def test_whatsapp_numbers_work_on_the_same_webhook(stack, webhook, number, responses):
    sender = f"whatsapp:{number}"
    replies = text(webhook, sender, "there is a man with a knife outside", To=f"whatsapp:{OUR_NUMBER}")
    assert replies[0] == responses["utter_emergency_now"]
    assert stack.tracker(sender).json()["events"]


def test_delete_erases_the_conversation(stack, webhook, number):
    text(webhook, number, "my bike was stolen from the station")
    assert stack.user_texts(number)
    assert text(webhook, number, "DELETE") == [SMS["deleted"]]
    assert not stack.user_texts(number)


def test_too_many_messages_get_one_polite_reply(webhook, number):
    answered = [text(webhook, number, f"hello {i}") for i in range(20)]
    assert all(answered)
    assert text(webhook, number, "hello again") == [SMS["rate_limited"]]
    assert text(webhook, number, "and again") == []


def test_a_signed_request_missing_fields_gets_an_empty_reply_not_an_error(webhook):
    form = {"Body": "hello", "AccountSid": "AC" + "0" * 32}
    assert messages(post(webhook, form)) == []


def test_a_number_with_1000_turns_of_history_is_answered_as_fast_as_a_new_one(stack, webhook):
    old, new = "+447700911111", "+447700922222"
    store = IndexedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(stack.var_dir / "rasa.db"))
    asyncio.new_event_loop().run_until_complete(seed(store, old, 1000))
    assert len(asyncio.new_event_loop().run_until_complete(store.retrieve_full_tracker(old)).events) > 5000

    def seconds(number):
        began = time.perf_counter()
        assert text(webhook, number, "thank you")
        return time.perf_counter() - began

    times = {old: [], new: []}
    for _ in range(9):
        for number in (old, new):
            times[number].append(seconds(number))
    old_median, new_median = statistics.median(times[old]), statistics.median(times[new])
    assert old_median <= new_median * 1.5 + 0.02, (old_median, new_median)


def test_abuse_at_home_by_sms_asks_if_texting_is_safe_and_no_is_respected(stack, webhook, number, responses):
    replies = text(webhook, number, "my partner hits me when he's drunk and checks my phone, I need advice")
    assert replies[0].startswith(responses["utter_domestic_abuse"].split(".")[0])
    assert replies[-1].endswith(responses["utter_ask_safe_to_text"] + "\nReply 1 for Yes, it is safe, 2 for No, it is not safe.")
    assert text(webhook, number, "2") == [responses["utter_not_safe_to_text"]]
    assert stack.slots(number)["safe_to_text"] is False


def test_the_same_contact_on_the_web_is_not_asked_about_texting(stack, sender, responses):
    replies = [m["text"] for m in stack.say(sender, "my partner hits me when he's drunk and checks my phone, I need advice")]
    assert responses["utter_ask_safe_to_text"] not in replies
    assert replies[-1] == responses["utter_contact_footer"]


def test_numbers_and_messages_stay_out_of_the_logs(stack, webhook, number):
    text(webhook, number, "my neighbour Zebedee Quixotic keeps parking across my drive")
    post(webhook, twilio_form(number, "forged Zebedee"), signature="forged")
    logs = stack.logs["rasa"].read_text(errors="replace") + stack.logs["actions"].read_text(errors="replace")
    assert number not in logs and number[1:] not in logs and "Zebedee" not in logs
