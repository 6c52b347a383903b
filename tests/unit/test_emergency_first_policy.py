"""The policy that answers an emergency first, whatever else is going on."""
import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import paths
from bot.policies.emergency_first import EmergencyFirstPolicy, next_emergency_action

RESPONSES = EmergencyFirstPolicy.get_default_config()["responses"]


def tracker_with(*events):
    return DialogueStateTracker.from_events("resident", [ActionExecuted("action_listen"), *events])


def said(intent, text="..."):
    return UserUttered(text, {"name": intent, "confidence": 1.0})


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(paths.ROOT / "domain.yml"))


def test_the_emergency_answer_comes_in_order_then_the_bot_listens():
    tracker = tracker_with(said("report_emergency"))
    steps = []
    for _ in range(len(RESPONSES) + 1):
        step = next_emergency_action(tracker, RESPONSES)
        steps.append(step)
        tracker.update(ActionExecuted(step))
    assert steps == RESPONSES + ["action_listen"]
    assert next_emergency_action(tracker, RESPONSES) is None


def test_other_intents_are_left_to_the_other_policies():
    assert next_emergency_action(tracker_with(said("theft")), RESPONSES) is None


def test_an_emergency_on_a_later_turn_is_answered_too():
    tracker = tracker_with(said("greet"), ActionExecuted("utter_greet"), ActionExecuted("action_listen"),
                           said("report_emergency"))
    assert next_emergency_action(tracker, RESPONSES) == "utter_emergency_now"


def test_it_outranks_an_active_form(domain):
    policy = EmergencyFirstPolicy.create(EmergencyFirstPolicy.get_default_config(), None, None,
                                         type("Ctx", (), {"is_finetuning": False})())
    tracker = tracker_with(ActiveLoop("some_form"), said("report_emergency"))
    prediction = policy.predict_action_probabilities(tracker, domain)
    assert domain.action_names_or_texts[prediction.max_confidence_index] == "utter_emergency_now"
    assert prediction.is_no_user_prediction and prediction.policy_priority > 6
