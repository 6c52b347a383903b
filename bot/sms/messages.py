"""What the SMS channel says itself and the keywords it answers (data/channels/sms.yml), validated."""
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Optional

import yaml

from bot import paths

SMS_FILE = paths.DATA / "channels" / "sms.yml"
MESSAGE_NAMES = ("stopped", "started", "help", "deleted", "rate_limited", "media", "still_working",
                 "overflow", "options", "option", "reply_waiting")
KEYWORD_NAMES = ("stop", "start", "start_when_opted_out", "help", "delete")


@dataclass(frozen=True)
class SmsTexts:
    messages: Dict[str, str]
    keywords: Dict[str, FrozenSet[str]]
    shared_phone_categories: FrozenSet[str]

    def keyword(self, body: str, opted_out: bool) -> Optional[str]:
        """'stop', 'start', 'help' or 'delete' when the whole message is that keyword."""
        said = _normalise(body)
        for name in ("stop", "start", "help", "delete"):
            if said in self.keywords[name]:
                return name
        if opted_out and said in self.keywords["start_when_opted_out"]:
            return "start"
        return None


@lru_cache(maxsize=None)
def load(path: Path = SMS_FILE) -> SmsTexts:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    messages = data.get("messages") or {}
    keywords = data.get("keywords") or {}
    for name in MESSAGE_NAMES:
        if not isinstance(messages.get(name), str) or not messages[name].strip():
            raise ValueError(f"{path}: messages.{name} must be a non-empty text")
    for name in KEYWORD_NAMES:
        if not keywords.get(name) or not all(isinstance(k, str) and k.strip() for k in keywords[name]):
            raise ValueError(f"{path}: keywords.{name} must be a list of words")
    categories = data.get("shared_phone_categories")
    if not categories or not all(isinstance(c, str) for c in categories):
        raise ValueError(f"{path}: shared_phone_categories must be a list of contact categories")
    return SmsTexts(messages={k: " ".join(v.split()) for k, v in messages.items()},
                    keywords={k: frozenset(_normalise(w) for w in v) for k, v in keywords.items()},
                    shared_phone_categories=frozenset(categories))


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[.!\s]+$", "", (text or "").strip().lower()))
