"""Restarts and a missing action server: the conversation survives, the resident is never left in silence."""
import signal
import time

import pytest

pytestmark = pytest.mark.servers


def test_a_restart_keeps_the_conversation(stack, sender, responses):
    stack.say(sender, "our house was burgled last night")
    before = stack.user_texts(sender)
    stack.stop("rasa")
    stack.start("rasa")
    assert stack.user_texts(sender) == before
    assert stack.slots(sender)["issue_category"] == "burglary"
    assert stack.say(sender, "thanks")[0]["text"] == responses["utter_thank"]


def test_the_action_server_stopped_mid_conversation(stack, sender, responses):
    stack.say(sender, "hello")
    stack.stop("actions")
    try:
        replies = [r["text"] for r in stack.say(sender, "/nlu_fallback")]
        assert replies, "the resident got no answer"
        assert "999" in replies[0] and any("101" in text for text in replies)
        assert stack.user_texts(sender)[-1] == "/nlu_fallback"
        assert stack.say(sender, "my bike was stolen last week")[0]["text"] == responses["utter_theft"]
    finally:
        stack.start("actions")


def test_a_frozen_action_server_still_gets_the_resident_an_answer_in_time(stack, sender, responses):
    frozen = stack.processes["actions"]
    frozen.send_signal(signal.SIGSTOP)
    try:
        started = time.monotonic()
        replies = [r["text"] for r in stack.say(sender, "/nlu_fallback")]
        waited = time.monotonic() - started
        assert "999" in replies[0] and any("101" in text for text in replies)
        assert waited < 12, f"the resident waited {waited:.1f} s"
    finally:
        frozen.send_signal(signal.SIGCONT)
    # Rasa saves the turn when it ends: once the action server answers, the message is there.
    deadline = time.monotonic() + 15
    while "/nlu_fallback" not in stack.user_texts(sender) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert stack.user_texts(sender)[-1] == "/nlu_fallback"
