"""What a text gets back, decided by SmsService, with the assistant's turn played by a stand-in
(slow, failing, or with buttons) and Twilio's REST API by a local recording server."""
import asyncio
import base64
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot import channel_messages
from bot.sms import messages, shared_phone
from bot.sms.config import SmsConfig
from bot.sms.inbound import parse
from bot.sms.outbound import OutboundSms
from bot.sms.rate_limit import MemoryRateLimiter
from bot.sms.service import SmsService
from bot.sms.state import MemorySmsState
from tests.twilio_client import ACCOUNT_SID, AUTH_TOKEN, OUR_NUMBER, twilio_api, twilio_form

NUMBER = "+447700900123"
SAID = messages.load().messages
CONFIG = SmsConfig(auth_token=AUTH_TOKEN, account_sid=ACCOUNT_SID, public_base_url=None, api_base_url=None,
                   redis_url=None, var_dir=Path("/nonexistent"), turn_timeout_seconds=0.5)


@pytest.fixture
def api():
    with twilio_api() as server:
        yield server


@pytest.fixture
def erased():
    return []


@pytest.fixture
def service(api, erased):
    async def erase(number):
        erased.append(number)

    config = replace(CONFIG, api_base_url=f"http://127.0.0.1:{api.server_port}")
    return SmsService(config, MemorySmsState(), MemoryRateLimiter(), OutboundSms(config), messages.load(), erase)


class Assistant:
    """Plays the assistant's turn: records what it was told and answers with `replies`."""

    def __init__(self, *replies, delay: float = 0, fails: bool = False):
        self.replies, self.delay, self.fails, self.heard = list(replies), delay, fails, []

    async def __call__(self, text):
        self.heard.append(text)
        await asyncio.sleep(self.delay)
        if self.fails:
            raise RuntimeError("action server down")
        return [{"recipient_id": NUMBER, "text": t} if isinstance(t, str) else t for t in self.replies]


def sms(body="my bike was stolen", **extra):
    return parse(twilio_form(NUMBER, body, **extra))


def run(coroutine):
    return asyncio.new_event_loop().run_until_complete(coroutine)


def test_a_slow_turn_is_acknowledged_at_once_and_the_answer_follows_by_the_rest_api(service, api):
    async def scenario():
        replies = await service.answer(sms(), Assistant("First answer.", "Second answer.", delay=1.0))
        await service.drain()
        return replies

    assert run(scenario()) == [SAID["still_working"]]
    assert [m["Body"] for m in api.sent] == ["First answer.", "Second answer."]
    assert {(m["To"], m["From"]) for m in api.sent} == {(NUMBER, OUR_NUMBER)}
    assert api.sent[0]["path"] == f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"
    assert api.sent[0]["auth"] == "Basic " + base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()


def test_a_late_answer_to_a_number_not_safe_to_text_is_kept_until_they_text_again(service, api):
    service.state.set_flag(NUMBER, "unsafe_to_text", True, datetime.now(timezone.utc))

    async def scenario():
        await service.answer(sms(), Assistant("Details about your report.", delay=1.0))
        await service.drain()
        return await service.answer(sms("ok"), Assistant("OK, thank you."))

    assert run(scenario()) == ["OK, thank you.", "Details about your report."]
    assert api.sent == []


def test_a_failed_turn_still_answers_with_the_safety_net(service):
    assert run(service.answer(sms(), Assistant(fails=True))) == channel_messages.load()["safety_net"]


def test_a_delivery_retried_while_the_first_is_running_gets_the_same_answer_once(service):
    assistant = Assistant("Thanks, here is what to do.", delay=0.2)
    inbound = sms()

    async def scenario():
        return await asyncio.gather(service.answer(inbound, assistant), service.answer(inbound, assistant))

    first, retry = run(scenario())
    assert first == retry == ["Thanks, here is what to do."]
    assert assistant.heard == ["my bike was stolen"]


def test_buttons_become_numbered_choices_and_a_number_picks_the_payload(service):
    question = {"text": "Which area?", "buttons": [{"title": "Dacorum", "payload": "/choose{\"d\": \"dacorum\"}"},
                                                   {"title": "Three Rivers", "payload": "/choose{\"d\": \"three_rivers\"}"}]}
    assert run(service.answer(sms("kids in kings langley"), Assistant(question))) == [
        "Which area?\nReply 1 for Dacorum, 2 for Three Rivers."]
    assistant = Assistant("Thanks.")
    run(service.answer(sms(" 2. "), assistant))
    assert assistant.heard == ["/choose{\"d\": \"three_rivers\"}"]
    run(service.answer(sms("2"), assistant))
    assert assistant.heard[-1] == "2"  # the choices were for the previous question only


def test_the_999_advice_arrives_first_and_alone_and_long_answers_are_split(service):
    long_answer = " ".join(f"Sentence number {i} of a long answer about what to do next." for i in range(60))
    replies = run(service.answer(sms("a man is hitting someone"), Assistant("Please call 999 now.", long_answer)))
    assert replies[0] == "Please call 999 now."
    assert len(replies) >= 3 and all(len(r) <= 1600 for r in replies)
    assert " ".join(replies[1:]).split() == long_answer.split()


def test_opted_out_numbers_are_heard_but_sent_nothing(service):
    run(service.answer(sms("STOP"), Assistant()))
    assistant = Assistant("An answer they must not get.")
    assert run(service.answer(sms("my shed was broken into"), assistant)) == []
    assert assistant.heard == ["my shed was broken into"]
    assert run(service.answer(sms("yes"), Assistant())) == [SAID["started"]]


def test_yes_is_only_a_keyword_for_a_number_that_opted_out(service):
    assistant = Assistant("OK.")
    assert run(service.answer(sms("yes"), assistant)) == ["OK."]
    assert assistant.heard == ["yes"]


def test_delete_erases_the_conversation_and_what_the_channel_kept_but_not_the_opt_out(service, erased):
    now = datetime.now(timezone.utc)
    service.state.remember_options(NUMBER, ["/a", "/b"], now)
    assert run(service.answer(sms("Delete"), Assistant())) == [SAID["deleted"]]
    assert erased == [NUMBER] and service.state.options(NUMBER, now) == []


def test_media_only_gets_the_explanation_without_a_turn(service):
    assistant = Assistant("unused")
    assert run(service.answer(sms("", NumMedia="2"), assistant)) == [SAID["media"]]
    assert assistant.heard == []


def test_help_starts_with_999_in_one_sms_in_case_it_is_a_cry_for_help(service):
    [reply] = run(service.answer(sms("help"), Assistant()))
    first_sentence = reply.split(": ")[0]
    assert first_sentence == "If anyone is in danger, call 999 now" and len(reply.split(". ")[0]) <= 160


def test_a_flag_from_the_assistant_is_recorded_and_never_shown(service):
    flagged = {"custom": shared_phone.flag_message("sensitive", True)}
    assert run(service.answer(sms("my ex keeps turning up"), Assistant("Your safety comes first.", flagged))) == [
        "Your safety comes first."]
    assert service.state.flag(NUMBER, "sensitive")


def test_a_late_answer_in_a_sensitive_conversation_is_announced_without_its_content(service, api):
    service.state.set_flag(NUMBER, "sensitive", True, datetime.now(timezone.utc))

    async def scenario():
        assert await service.answer(sms(), Assistant("About the abuse you told us of.", delay=1.0)) == [
            SAID["still_working"]]
        await service.drain()
        return await service.answer(sms("ok"), Assistant("Please call 999 now."))

    replies = run(scenario())
    assert [m["Body"] for m in api.sent] == [SAID["reply_waiting"]]
    assert replies[0] == "Please call 999 now." and "About the abuse you told us of." in replies[-1]
