"""Shared-phone safety by SMS: which conversations ask "is it safe to text you?", and the control
messages actions send the SMS channel (custom payloads it records and never shows)."""
from typing import Dict, FrozenSet, Optional

from bot.sms import messages

SMS_CHANNEL = "twilio"
CONTROL_KEY = "sms_flag"
FLAGS = ("sensitive", "unsafe_to_text")


def sensitive_categories() -> FrozenSet[str]:
    return messages.load().shared_phone_categories


def asks_about_texting(channel: Optional[str], category: Optional[str]) -> bool:
    return channel == SMS_CHANNEL and category in sensitive_categories()


def flag_message(name: str, value: bool) -> Dict:
    if name not in FLAGS:
        raise ValueError(f"unknown SMS flag {name!r}")
    return {CONTROL_KEY: {"name": name, "value": bool(value)}}


def flag_in(message: Dict) -> Optional[Dict]:
    """The flag a bot message carries for the channel, or None for a message meant for the resident."""
    custom = message.get("custom")
    flag = custom.get(CONTROL_KEY) if isinstance(custom, dict) else None
    if isinstance(flag, dict) and flag.get("name") in FLAGS:
        return {"name": flag["name"], "value": bool(flag.get("value"))}
    return None
