"""The confirmation text for a booking, sent through Twilio's REST API to a resident who gave a
mobile number, unless the number opted out or said texting it is not safe."""
import logging
from functools import lru_cache
from typing import Dict, Optional

import phonenumbers
import yaml

from bot import paths
from bot.appointments.model import LONDON, Booking
from bot.privacy import redact_id
from bot.sms.outbound import OutboundSms
from bot.sms.shared_phone import FLAGS
from bot.sms.state import SmsState

logger = logging.getLogger(__name__)
TEXTS_FILE = paths.DATA / "appointments" / "texts.yml"


@lru_cache(maxsize=None)
def texts() -> Dict[str, str]:
    data = yaml.safe_load(TEXTS_FILE.read_text(encoding="utf-8"))
    return {key: " ".join(value.split()) if key != "when_format" else value for key, value in data.items()}


def confirmation_text(booking: Booking, place: str) -> str:
    when = booking.starts_at.astimezone(LONDON).strftime(texts()["when_format"])
    when = when.replace("AM", "am").replace("PM", "pm")
    return texts()["confirmation_sms"].format(when=when, place=place, reference=booking.reference)


def is_mobile(number: str) -> bool:
    try:
        parsed = phonenumbers.parse(number, "GB")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(parsed) in (phonenumbers.PhoneNumberType.MOBILE,
                                                phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)


async def send_confirmation(outbound: OutboundSms, state: SmsState, booking: Booking, place: str,
                            from_number: Optional[str]) -> bool:
    """True if Twilio accepted the text."""
    to = booking.draft.contact
    if booking.draft.contact_kind != "phone" or not is_mobile(to) or not from_number:
        return False
    if state.is_opted_out(to) or any(state.flag(to, name) for name in FLAGS):
        logger.info("appointments.confirmation_not_texted sender=%s reason=opted_out_or_not_safe", redact_id(to))
        return False
    return await outbound.send(to, from_number, [confirmation_text(booking, place)]) == 1
