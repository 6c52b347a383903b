"""Emergencies over the REST channel of a real Rasa server: 999 first, on any turn."""
import pytest

pytestmark = pytest.mark.servers


def assert_999_first(replies, responses):
    texts = [r.get("text") for r in replies]
    assert texts[0] == responses["utter_emergency_now"], texts
    details = texts[1]
    assert "55" in details and "18000" in details and "emergencySMS" in details


def test_an_emergency_in_the_first_message(stack, sender, responses):
    assert_999_first(stack.say(sender, "someone is breaking into my house right now"), responses)
    slots = stack.slots(sender)
    assert (slots["urgency"], slots["outcome"], slots["emergency_raised"]) == ("emergency", "redirected_999", True)


def test_an_emergency_in_the_middle_of_another_conversation(stack, sender, responses):
    stack.say(sender, "hello")
    theft = stack.say(sender, "my bike was nicked from the station last week")
    assert theft[0]["text"] == responses["utter_theft"]
    assert stack.slots(sender)["issue_category"] == "theft"
    assert_999_first(stack.say(sender, "oh god hes back and hes got a knife"), responses)
    assert stack.slots(sender)["urgency"] == "emergency"
    after = stack.say(sender, "thanks")
    assert after[0]["text"] == responses["utter_thank"]


def test_the_same_event_when_it_is_over_is_not_an_emergency(stack, sender, responses):
    replies = stack.say(sender, "someone broke into my shed last week while we were away")
    assert replies[0]["text"] == responses["utter_burglary"]
    assert stack.slots(sender)["urgency"] == "non_emergency"


def test_an_emergency_does_not_depend_on_the_action_server(stack, sender, responses):
    stack.stop("actions")
    try:
        assert_999_first(stack.say(sender, "my neighbour is hitting his wife, i can hear her screaming"), responses)
    finally:
        stack.start("actions")
