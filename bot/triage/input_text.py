"""What kind of input a message is, before any NLU: words, no words, or another script.

Rasa's classifiers give confident answers to empty or emoji-only text, so these cases are
settled here and turned into their own intents by the triage gate.
"""
import re
import unicodedata

NO_TEXT = "no_text"
NON_LATIN = "non_latin"
WORDS = "words"

_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufffd]")
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """Text the NLU can read: Unicode-normalised, control and invisible characters gone."""
    text = unicodedata.normalize("NFKC", text or "")
    return _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip()


def kind_of(text: str) -> str:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters and not any(ch.isdigit() for ch in text):
        return NO_TEXT
    if letters and _latin_share(letters) < 0.5:
        return NON_LATIN
    return WORDS


def _latin_share(letters) -> float:
    latin = sum(1 for ch in letters if unicodedata.name(ch, "").startswith("LATIN"))
    return latin / len(letters)
