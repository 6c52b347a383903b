from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.text_cleaner import INPUT_KIND, NO_TEXT_PLACEHOLDER, TextCleaner


def cleaned(text):
    message = Message(data={TEXT: text})
    TextCleaner().process([message])
    return message.get(TEXT), message.get(INPUT_KIND)


def test_an_empty_message_gives_nlu_something_to_tokenise():
    assert cleaned("") == (NO_TEXT_PLACEHOLDER, "no_text")
    assert cleaned(" \x00 ") == (NO_TEXT_PLACEHOLDER, "no_text")


def test_words_are_cleaned_for_nlu():
    assert cleaned("my  bike\x07 was stolen") == ("my bike was stolen", "words")
