from bot.emergency.assess import Assessment
from bot.triage.gate import EMERGENCY_INTENT, decide

QUIET = Assessment(False)
DANGER = Assessment(True, ("weapon",), "now", ("got a knife",))


def ranking(*pairs):
    return [{"name": name, "confidence": c} for name, c in pairs]


def test_the_rule_layer_alone_raises_an_emergency():
    decision = decide("words", DANGER, ranking(("theft", 0.9)), 0.35)
    assert (decision.intent, decision.layer) == (EMERGENCY_INTENT, "rules")


def test_the_classifier_alone_raises_an_emergency_on_top_or_above_threshold():
    assert decide("words", QUIET, ranking((EMERGENCY_INTENT, 0.6)), 0.35).layer == "classifier"
    assert decide("words", QUIET, ranking(("theft", 0.5), (EMERGENCY_INTENT, 0.4)), 0.35).layer == "classifier"
    assert decide("words", QUIET, ranking(("theft", 0.7), (EMERGENCY_INTENT, 0.2)), 0.35).intent is None


def test_nlu_fallback_does_not_hide_a_classifier_emergency():
    assert decide("words", QUIET, ranking(("nlu_fallback", 0.3), (EMERGENCY_INTENT, 0.28)), 0.35).layer == "classifier"


def test_no_words_and_other_scripts_get_their_own_intents_unless_in_danger():
    assert decide("no_text", QUIET, ranking(("greet", 0.99)), 0.35).intent == "no_text"
    assert decide("non_latin", QUIET, ranking(("greet", 0.9)), 0.35).intent == "other_language"
    assert decide("non_latin", DANGER, [], 0.35).intent == EMERGENCY_INTENT
