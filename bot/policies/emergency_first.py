"""A dialogue policy that answers an emergency before anything else, on every turn.

When the latest message is an emergency (the triage gate's intent), it predicts the 999
responses in order and then waits for the resident, whatever rule, story or form is active.
Rasa lets an active form's "no user" prediction overrule every other policy, so this policy's
predictions are marked the same way and carry a higher priority than RulePolicy.
"""
from typing import Any, Dict, List, Optional, Text

from rasa.core.policies.policy import Policy, PolicyPrediction, SupportedData
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.core.generator import TrackerWithCachedStates

from bot.triage.gate import EMERGENCY_INTENT

# The 999 answer, in order (channels mark these as urgent).
EMERGENCY_RESPONSES = ("utter_emergency_now", "utter_emergency_details", "utter_emergency_continue")


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT], is_trainable=True)
class EmergencyFirstPolicy(Policy):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "priority": 7,  # RulePolicy is 6
            "responses": list(EMERGENCY_RESPONSES),
        }

    @staticmethod
    def supported_data() -> SupportedData:
        return SupportedData.ML_AND_RULE_DATA

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        missing = [name for name in self.config["responses"] if name not in domain.action_names_or_texts]
        if missing:
            raise ValueError(f"EmergencyFirstPolicy: responses missing from the domain: {missing}")
        return self._resource

    def predict_action_probabilities(self, tracker: DialogueStateTracker, domain: Domain,
                                     rule_only_data: Optional[Dict[Text, Any]] = None,
                                     **kwargs: Any) -> PolicyPrediction:
        next_action = next_emergency_action(tracker, self.config["responses"])
        if next_action is None:
            return self._prediction(self._default_predictions(domain))
        probabilities = self._default_predictions(domain)
        probabilities[domain.index_for_action(next_action)] = 1.0
        return self._prediction(probabilities, is_no_user_prediction=True)


def next_emergency_action(tracker: DialogueStateTracker, responses: List[str]) -> Optional[str]:
    """The next step of the emergency answer to the latest message, or None if it is not one."""
    latest = tracker.latest_message
    if latest is None or latest.intent.get("name") != EMERGENCY_INTENT:
        return None
    done = _actions_since_latest_user_message(tracker)
    if ACTION_LISTEN_NAME in done:
        return None
    pending = [name for name in responses if name not in done]
    return pending[0] if pending else ACTION_LISTEN_NAME


def _actions_since_latest_user_message(tracker: DialogueStateTracker) -> List[str]:
    names = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, ActionExecuted):
            names.append(event.action_name)
    return names
