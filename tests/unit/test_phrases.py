import pytest

from bot.nlp.phrases import PhraseError, compile_phrase

WORDS = {"weapon": ["knife", "gun"]}


def split(text):
    return text.replace("n't", " n't").split()


def test_plain_words_match_lower_case_text():
    assert compile_phrase("on fire", WORDS, split) == [[{"LOWER": "on"}, {"LOWER": "fire"}]]


def test_a_word_list_matches_lemma_or_text():
    patterns = compile_phrase("@weapon", WORDS, split)
    assert [{"LEMMA": {"IN": ["GUN", "Gun", "KNIFE", "Knife", "gun", "knife"]}}] in patterns
    assert [{"LOWER": {"IN": ["gun", "knife"]}}] in patterns


def test_optional_slots_and_alternatives():
    assert compile_phrase("a|the? fire", WORDS, split) == [[{"LOWER": {"IN": ["a", "the"]}, "OP": "?"}, {"LOWER": "fire"}]]


def test_unknown_word_list_fails_fast():
    with pytest.raises(PhraseError):
        compile_phrase("@nonsense", WORDS, split)
