"""How a resident wants to be contacted, read from their own words, and the detail checked."""
import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, Optional

import phonenumbers
import yaml
from email_validator import EmailNotValidError, validate_email

from bot import paths

WORDS = paths.DATA / "referrals" / "contact_words.yml"
NEEDS_NUMBER = ("phone", "text")


@lru_cache(maxsize=None)
def _phrases(path: Path = WORDS) -> Dict[str, str]:
    preferences = yaml.safe_load(path.read_text(encoding="utf-8"))["preferences"]
    return {_plain(phrase): key for key, phrases in preferences.items() for phrase in [key, *phrases]}


def _plain(text: str) -> str:
    return re.sub(r"[^a-z ]+", "", text.lower().replace("’", "'").replace("'", "")).strip()


def preference(text: Optional[str]) -> Optional[str]:
    """'ring me please' -> 'phone'; an email address typed straight away -> 'email'."""
    if not text:
        return None
    if email_address(text):
        return "email"
    if phone_number(text):
        return "phone"
    plain, phrases = _plain(text), _phrases()
    if plain in phrases:
        return phrases[plain]
    found = {key for phrase, key in phrases.items() if re.search(rf"\b{re.escape(phrase)}\b", plain)}
    return found.pop() if len(found) == 1 else None


def phone_number(text: str) -> Optional[str]:
    """A UK (or international) number of a possible length, in E.164 form, or None.

    "Possible" rather than "valid": Ofcom's drama range (07700 900xxx), used in examples, and
    newly issued ranges the library does not know yet are still numbers a resident may give.
    """
    try:
        number = phonenumbers.parse(text.strip(), "GB")
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_possible_number_with_reason(number) != phonenumbers.ValidationResult.IS_POSSIBLE:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def email_address(text: str) -> Optional[str]:
    try:
        return validate_email(text.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        return None


def detail(preferred: str, text: str) -> Optional[str]:
    """The contact detail for the preference, normalised, or None when it does not fit."""
    return phone_number(text) if preferred in NEEDS_NUMBER else email_address(text)
