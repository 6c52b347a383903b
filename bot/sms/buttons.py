"""Buttons on a phone: numbered choices in the text, and a reply of "1" mapped back to its payload."""
import re
from typing import Dict, List, Optional, Sequence

from bot.sms.messages import SmsTexts

CHOICE = re.compile(r"^\s*(?:option\s*)?(\d{1,2})\s*[.)]?\s*$", re.IGNORECASE)


def numbered_choices(buttons: Sequence[Dict], texts: SmsTexts) -> str:
    choices = ", ".join(texts.messages["option"].format(number=i, title=button.get("title", ""))
                        for i, button in enumerate(buttons, start=1))
    return texts.messages["options"].format(choices=choices)


def payloads(buttons: Sequence[Dict]) -> List[str]:
    return [str(button.get("payload") or button.get("title") or "") for button in buttons]


def chosen_payload(body: str, offered: Sequence[str]) -> Optional[str]:
    """The payload of the choice the resident replied with ("1", "2."), or None for free text."""
    match = CHOICE.match(body or "")
    if not match or not offered:
        return None
    number = int(match.group(1))
    return offered[number - 1] if 1 <= number <= len(offered) else None
