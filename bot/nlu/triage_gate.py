"""Rasa component, last in the pipeline: emergency first, then no-words and other scripts.

Reads the spans of the project's spaCy pipeline (loaded by SpacyNLP) for the rule layer and
the classifier's ranking for the second layer; see bot/triage/gate.py for the decision.
"""
from typing import Any, Dict, List, Optional, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.emergency.assess import Assessment
from bot.nlp.emergency_patterns import SPANS_KEY, doc_assessment
from bot.nlu.text_cleaner import INPUT_KIND
from bot.nlu.emergency_scorer import EMERGENCY_SCORE
from bot.triage.gate import EMERGENCY_INTENT, Thresholds, decide
from bot.triage.input_text import WORDS

EMERGENCY = "emergency"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class TriageGate(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"classifier_threshold": 0.35, "message_threshold": 1.0, "sentence_threshold": 1.0,
                "message_threshold_when_over": None, "classifier_threshold_when_over": None,
                "fallback_threshold": 0.3}

    def __init__(self, config: Dict[str, Any]) -> None:
        self.thresholds = Thresholds(config["classifier_threshold"], config["message_threshold"],
                                     config["sentence_threshold"], config["message_threshold_when_over"],
                                     config["classifier_threshold_when_over"], config["fallback_threshold"])
        if not all(0 < t <= 1 for t in vars(self.thresholds).values() if t is not None):
            raise ValueError(f"TriageGate thresholds must be in (0, 1], got {self.thresholds}")

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "TriageGate":
        return cls({**cls.get_default_config(), **config})

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._gate(message)
        return messages

    def _gate(self, message: Message) -> None:
        rules = rule_assessment(message)
        ranking = message.get(INTENT_RANKING_KEY) or []
        score = message.get(EMERGENCY_SCORE)
        span = (score or {}).get("sentence_span")
        sentence_sense = rule_assessment(message, tuple(span)).time_sense if span else rules.time_sense
        decision = decide(message.get(INPUT_KIND) or WORDS, rules, ranking, self.thresholds, score, sentence_sense)
        message.set(EMERGENCY, {**rules.as_dict(), "sentence_time_sense": sentence_sense, "raised_by": decision.layer},
                    add_to_output=True)
        if decision.intent:
            ranked = next((e.get("confidence") for e in ranking if e.get("name") == decision.intent), None)
            confidence = 1.0 if decision.intent == EMERGENCY_INTENT or ranked is None else ranked
            message.set(INTENT, {"name": decision.intent, "confidence": confidence}, add_to_output=True)


def rule_assessment(message: Message, characters: Optional[Tuple[int, int]] = None) -> Assessment:
    """The rule layer's verdict on the message, or on the part of it between two character offsets."""
    doc = message.get(SPACY_DOCS[TEXT])
    if doc is None or SPANS_KEY not in doc.spans:
        return Assessment(False)
    return doc_assessment(doc, characters)
