"""One message Twilio posted to the webhook, read from its form fields."""
from dataclasses import dataclass
from typing import Mapping, Optional

WHATSAPP_PREFIX = "whatsapp:"


@dataclass(frozen=True)
class InboundSms:
    sid: str
    sender: str
    to: str
    body: str
    media_count: int
    opt_out_type: Optional[str]

    @property
    def is_whatsapp(self) -> bool:
        return self.sender.startswith(WHATSAPP_PREFIX)


class MissingField(ValueError):
    """A signed request without the fields every Twilio message has."""


def parse(form: Mapping[str, str]) -> InboundSms:
    sender = (form.get("From") or "").strip()
    sid = (form.get("MessageSid") or form.get("SmsMessageSid") or "").strip()
    if not sender or not sid:
        raise MissingField("From" if not sender else "MessageSid")
    return InboundSms(
        sid=sid, sender=sender, to=(form.get("To") or "").strip(),
        # Twilio's GSM decoding turns "@" into "¡" for some carriers (Rasa's own channel does the same).
        body=(form.get("Body") or "").replace("¡", "@"),
        media_count=_count(form.get("NumMedia")),
        opt_out_type=(form.get("OptOutType") or "").strip().upper() or None,
    )


def _count(value: Optional[str]) -> int:
    try:
        return max(0, int(value or 0))
    except ValueError:
        return 0
