"""How the appointment conversation writes times, places and contact details for residents."""
from datetime import datetime
from typing import Dict, Optional

import phonenumbers

from bot.appointments.diary import HOME_PREFIX
from bot.appointments.model import LONDON
from bot.geo.teams import Directory


def _clock(moment: datetime) -> str:
    return (moment.strftime("%-I%p") if moment.minute == 0 else moment.strftime("%-I:%M%p")).lower()


def when_text(iso: str) -> str:
    """'Tuesday 1 December at 11am' (UK time)."""
    moment = datetime.fromisoformat(iso).astimezone(LONDON)
    return f"{moment:%A %-d %B} at {_clock(moment)}"


def slot_button(iso: str) -> Dict[str, str]:
    """A short title, and a payload bot.appointments.when reads back as exactly that slot."""
    moment = datetime.fromisoformat(iso).astimezone(LONDON)
    return {"title": f"{moment:%a %-d %b}, {_clock(moment)}", "payload": f"{moment:%-d/%-m/%Y} at {moment:%H:%M}"}


def place_name(diary_id: Optional[str], directory: Directory) -> str:
    if not diary_id:
        return ""
    if diary_id.startswith(HOME_PREFIX):
        return "your home"
    return directory.stations[diary_id].name


def contact_text(contact: Optional[str]) -> str:
    if not contact or "@" in contact:
        return contact or ""
    try:
        number = phonenumbers.parse(contact, "GB")
    except phonenumbers.NumberParseException:
        return contact
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
