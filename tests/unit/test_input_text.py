import pytest

from bot.triage.input_text import NO_TEXT, NON_LATIN, WORDS, clean, kind_of


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "🙂🙂", "!!!", "\x00\x01"])
def test_nothing_readable_is_no_text(text):
    assert kind_of(clean(text)) == NO_TEXT


@pytest.mark.parametrize("text", ["Мой велосипед украли", "سرقت دراجتي", "我的自行车被偷了"])
def test_other_scripts_are_recognised(text):
    assert kind_of(clean(text)) == NON_LATIN


def test_control_and_invisible_characters_are_removed_and_words_kept():
    assert clean("my\x00 bike\u200b was\r\nstolen\x7f") == "my bike was stolen"
    assert kind_of("my bike was stolen") == WORDS


def test_a_number_alone_is_words():
    assert kind_of("999") == WORDS
