from bot.emergency.assess import Assessment
from bot.triage.gate import EMERGENCY_INTENT, Thresholds, decide

QUIET = Assessment(False)
DANGER = Assessment(True, ("weapon",), "now", ("got a knife",))
T = Thresholds(intent=0.35, message=0.5, sentence=0.8)


def ranking(*pairs):
    return [{"name": name, "confidence": c} for name, c in pairs]


def test_the_rule_layer_alone_raises_an_emergency():
    decision = decide("words", DANGER, ranking(("theft", 0.9)), T)
    assert (decision.intent, decision.layer) == (EMERGENCY_INTENT, "rules")


def test_the_classifier_alone_raises_an_emergency_on_top_or_above_threshold():
    assert decide("words", QUIET, ranking((EMERGENCY_INTENT, 0.6)), T).layer == "classifier"
    assert decide("words", QUIET, ranking(("theft", 0.5), (EMERGENCY_INTENT, 0.4)), T).layer == "classifier"
    assert decide("words", QUIET, ranking(("theft", 0.7), (EMERGENCY_INTENT, 0.2)), T).intent is None


def test_nlu_fallback_does_not_hide_a_classifier_emergency():
    assert decide("words", QUIET, ranking(("nlu_fallback", 0.3), (EMERGENCY_INTENT, 0.28)), T).layer == "classifier"


def test_no_words_and_other_scripts_get_their_own_intents_unless_in_danger():
    assert decide("no_text", QUIET, ranking(("greet", 0.99)), T).intent == "no_text"
    assert decide("non_latin", QUIET, ranking(("greet", 0.9)), T).intent == "other_language"
    assert decide("non_latin", DANGER, [], T).intent == EMERGENCY_INTENT


def test_the_emergency_scorer_raises_on_the_whole_message_or_on_one_sentence():
    calm = ranking(("council_district_matter", 0.9))
    assert decide("words", QUIET, calm, T, {"message": 0.6, "sentence": 0.6}).layer == "classifier"
    assert decide("words", QUIET, calm, T, {"message": 0.01, "sentence": 0.85}).layer == "classifier"
    assert decide("words", QUIET, calm, T, {"message": 0.4, "sentence": 0.7}).intent is None
    assert decide("words", QUIET, calm, T, None).intent is None


def test_a_sentence_out_of_a_story_told_as_over_counts_only_if_it_says_now():
    calm, told_as_over = ranking(("harassment", 0.9)), Assessment(False, time_sense="over")
    likely_sentence = {"message": 0.2, "sentence": 0.95}
    assert decide("words", told_as_over, calm, T, likely_sentence, sentence_time_sense="unknown").intent is None
    assert decide("words", told_as_over, calm, T, likely_sentence, sentence_time_sense="now").layer == "classifier"
    assert decide("words", QUIET, calm, T, likely_sentence, sentence_time_sense="unknown").layer == "classifier"


def test_a_sentence_that_says_it_is_over_never_counts_on_its_own():
    """"i know someone who drives with no insurance. hes not driving right now.": the scorer likes the
    sentence for its "right now", the rule layer reads it as reassurance."""
    calm = ranking(("road_safety", 0.9))
    reassured = {"message": 0.1, "sentence": 0.99}
    assert decide("words", QUIET, calm, T, reassured, sentence_time_sense="over").intent is None
    assert decide("words", QUIET, calm, T, {"message": 0.6, "sentence": 0.99}, sentence_time_sense="over").layer == "classifier"


def test_a_message_told_as_over_needs_a_higher_score():
    calm, told_as_over = ranking(("theft", 0.9)), Assessment(False, time_sense="over")
    stricter = Thresholds(intent=0.35, message=0.5, sentence=0.8, message_when_over=0.7)
    vivid_story = {"message": 0.6, "sentence": 0.3}
    assert decide("words", told_as_over, calm, stricter, vivid_story).intent is None
    assert decide("words", QUIET, calm, stricter, vivid_story).layer == "classifier"
    assert decide("words", told_as_over, calm, stricter, {"message": 0.75, "sentence": 0.3}).layer == "classifier"
    assert decide("words", told_as_over, calm, T, vivid_story).layer == "classifier"


def test_a_story_told_as_over_needs_a_confident_classifier_and_then_gets_its_runner_up():
    told_as_over = Assessment(False, time_sense="over")
    stricter = Thresholds(intent=0.35, intent_when_over=0.75)
    unsure = ranking((EMERGENCY_INTENT, 0.5), ("assault", 0.4), ("theft", 0.1))
    assert decide("words", QUIET, unsure, stricter).layer == "classifier"
    assert decide("words", told_as_over, unsure, stricter).intent == "assault"
    assert decide("words", told_as_over, ranking((EMERGENCY_INTENT, 0.8), ("assault", 0.2)), stricter).layer == "classifier"


def test_a_set_aside_emergency_with_no_clear_runner_up_asks_instead_of_guessing():
    told_as_over = Assessment(False, time_sense="over")
    stricter = Thresholds(intent=0.35, intent_when_over=0.75)
    spread = ranking((EMERGENCY_INTENT, 0.6), ("assault", 0.2), ("theft", 0.2))
    assert decide("words", told_as_over, spread, stricter).intent == "nlu_fallback"
