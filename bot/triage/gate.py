"""The final word on a message's intent: emergencies first, then inputs with no words.

Two independent layers can raise an emergency: the rule layer's assessment and the trained
classifiers (the intent classifier's emergency intent on top or above a threshold anywhere in its
ranking; or the emergency scorer's probability for the whole message or for one of its sentences).
"""
from dataclasses import dataclass
from typing import List, Mapping, Optional

from bot.emergency.assess import Assessment
from bot.triage.input_text import NO_TEXT, NON_LATIN

EMERGENCY_INTENT = "report_emergency"
NO_TEXT_INTENT = "no_text"
OTHER_LANGUAGE_INTENT = "other_language"


@dataclass(frozen=True)
class GateDecision:
    intent: Optional[str]  # None: keep the classifier's intent
    layer: Optional[str] = None  # which layer raised an emergency: rules, classifier, both


@dataclass(frozen=True)
class Thresholds:
    intent: float  # P(report_emergency) in the intent ranking
    message: float = 1.0  # the emergency scorer on the whole message
    sentence: float = 1.0  # the emergency scorer on the likeliest sentence
    message_when_over: Optional[float] = None  # ...when the rule layer reads the message as over (default: `message`)


def decide(input_kind: str, rules: Assessment, ranking: List[dict], thresholds: Thresholds,
           score: Optional[Mapping[str, float]] = None, sentence_time_sense: Optional[str] = None) -> GateDecision:
    """`sentence_time_sense`: the rule layer's time sense within the scorer's likeliest sentence."""
    by_rules = rules.is_emergency
    by_classifier = (_classifier_emergency(ranking, thresholds.intent)
                     or _scored_emergency(score, thresholds, rules.time_sense, sentence_time_sense))
    if by_rules or by_classifier:
        layer = "both" if by_rules and by_classifier else ("rules" if by_rules else "classifier")
        return GateDecision(EMERGENCY_INTENT, layer)
    if input_kind == NO_TEXT:
        return GateDecision(NO_TEXT_INTENT)
    if input_kind == NON_LATIN:
        return GateDecision(OTHER_LANGUAGE_INTENT)
    return GateDecision(None)


def _classifier_emergency(ranking: List[dict], threshold: float) -> bool:
    real = [entry for entry in ranking if entry.get("name") != "nlu_fallback"]
    if not real:
        return False
    if real[0].get("name") == EMERGENCY_INTENT:
        return True
    return any(e.get("name") == EMERGENCY_INTENT and e.get("confidence", 0) >= threshold for e in real)


def _scored_emergency(score: Optional[Mapping[str, float]], thresholds: Thresholds, message_time_sense: str,
                      sentence_time_sense: Optional[str]) -> bool:
    """A sentence out of its message loses context ("...hes gone now"), so when the message as a whole
    is told as over, its likeliest sentence counts only if that sentence itself says now; and a
    sentence that itself says it is over ("hes not driving right now") never counts on its own."""
    if not score:
        return False
    over = message_time_sense == "over" and thresholds.message_when_over is not None
    if score["message"] >= (thresholds.message_when_over if over else thresholds.message):
        return True
    if score["sentence"] < thresholds.sentence or sentence_time_sense == "over":
        return False
    return message_time_sense != "over" or sentence_time_sense == "now"
