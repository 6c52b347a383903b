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
FALLBACK_INTENT = "nlu_fallback"
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
    intent_when_over: Optional[float] = None  # P(report_emergency) needed when the message is told as over
    # (default: the emergency intent on top of the ranking, or `intent` anywhere in it)
    fallback: float = 0.3  # a runner-up intent below this, once the emergency intent is set aside, is a guess


def decide(input_kind: str, rules: Assessment, ranking: List[dict], thresholds: Thresholds,
           score: Optional[Mapping[str, float]] = None, sentence_time_sense: Optional[str] = None) -> GateDecision:
    """`sentence_time_sense`: the rule layer's time sense within the scorer's likeliest sentence."""
    by_rules = rules.is_emergency
    over = rules.time_sense == "over"
    by_classifier = (_classifier_emergency(ranking, thresholds.intent_when_over if over else None, thresholds.intent)
                     or _scored_emergency(score, thresholds, rules.time_sense, sentence_time_sense))
    if by_rules or by_classifier:
        layer = "both" if by_rules and by_classifier else ("rules" if by_rules else "classifier")
        return GateDecision(EMERGENCY_INTENT, layer)
    if input_kind == NO_TEXT:
        return GateDecision(NO_TEXT_INTENT)
    if input_kind == NON_LATIN:
        return GateDecision(OTHER_LANGUAGE_INTENT)
    return GateDecision(_set_aside_emergency(ranking, thresholds.fallback))


def _set_aside_emergency(ranking: List[dict], fallback: float) -> Optional[str]:
    """The classifier put the emergency intent on top but the gate said no (a story told as over):
    the runner-up if the classifier is sure enough of it, else a clarifying question."""
    real = [entry for entry in ranking if entry.get("name") != FALLBACK_INTENT]
    if not real or real[0].get("name") != EMERGENCY_INTENT:
        return None
    runner_up = real[1] if len(real) > 1 else {}
    return runner_up["name"] if runner_up.get("confidence", 0) >= fallback else FALLBACK_INTENT


def _classifier_emergency(ranking: List[dict], when_over: Optional[float], threshold: float) -> bool:
    """`when_over`: a story told as over ("...this was friday") reads much like one happening now, so
    then only a confident classifier counts, top of the ranking or not."""
    real = [entry for entry in ranking if entry.get("name") != FALLBACK_INTENT]
    confidence = next((e.get("confidence", 0) for e in real if e.get("name") == EMERGENCY_INTENT), 0.0)
    if when_over is not None:
        return confidence >= when_over
    return bool(real) and real[0].get("name") == EMERGENCY_INTENT or confidence >= threshold


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
