"""The final word on a message's intent: emergencies first, then inputs with no words.

Two independent layers can raise an emergency: the rule layer's assessment and the trained
classifier (its emergency intent on top, or above a threshold anywhere in the ranking).
"""
from dataclasses import dataclass
from typing import List, Optional

from bot.emergency.assess import Assessment
from bot.triage.input_text import NO_TEXT, NON_LATIN

EMERGENCY_INTENT = "report_emergency"
NO_TEXT_INTENT = "no_text"
OTHER_LANGUAGE_INTENT = "other_language"


@dataclass(frozen=True)
class GateDecision:
    intent: Optional[str]  # None: keep the classifier's intent
    layer: Optional[str] = None  # which layer raised an emergency: rules, classifier, both


def decide(input_kind: str, rules: Assessment, ranking: List[dict], classifier_threshold: float) -> GateDecision:
    by_rules = rules.is_emergency
    by_classifier = _classifier_emergency(ranking, classifier_threshold)
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
