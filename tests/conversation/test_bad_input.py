"""Bad input gets a clear answer, never an error, and the message is kept in the transcript."""
import pytest
import requests

pytestmark = pytest.mark.servers

LONG_STORY = ("so this has been going on for months and i dont really know where to start " * 140)[:10_000]


@pytest.mark.parametrize("text, expected", [
    ("", "utter_no_text"),
    ("     ", "utter_no_text"),
    ("🙂🙂🙂", "utter_no_text"),
    ("my bike\x00 was\x07 stolen\u200b last week", "utter_theft"),
    ("Ukradli mi rower spod sklepu wczoraj, co mam zrobić?", "utter_other_language"),
    ("سرقت دراجتي من أمام المنزل", "utter_other_language"),
], ids=["empty", "whitespace", "emoji", "control-chars", "polish", "arabic"])
def test_bad_input_is_answered_clearly_and_kept(stack, sender, responses, text, expected):
    replies = stack.say(sender, text)
    assert replies[0]["text"] == responses[expected]
    assert stack.user_texts(sender)[-1] == text.strip()  # Rasa strips surrounding whitespace


def test_a_ten_thousand_character_message_is_answered_and_kept(stack, sender):
    replies = stack.say(sender, LONG_STORY)
    assert replies and all(r.get("text") for r in replies)
    assert stack.user_texts(sender)[-1] == LONG_STORY


def test_an_emergency_buried_in_a_long_message_is_still_caught(stack, sender, responses):
    story = LONG_STORY[:5000] + " and right now hes outside with a knife " + LONG_STORY[:4000]
    assert stack.say(sender, story)[0]["text"] == responses["utter_emergency_now"]


@pytest.mark.parametrize("body", [b"\xff\xfe\x00\x01", b"not json at all", b'{"message": "no sender"}'])
def test_an_unreadable_request_gets_a_kind_400(stack, body):
    reply = requests.post(f"{stack.url}/webhooks/rest/webhook", data=body, timeout=10)
    assert reply.status_code == 400
    assert "999" in reply.json()[0]["text"]


def test_the_http_api_needs_the_token(stack, sender):
    stack.say(sender, "hello")
    assert stack.tracker(sender, token=None).status_code == 401
    assert stack.tracker(sender, token="wrong").status_code == 401
    assert stack.tracker(sender).status_code == 200
