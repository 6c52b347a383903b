"""Email a Safer Neighbourhood Team's inbox about a new referral, over plain SMTP, off the event loop."""
import asyncio
import dataclasses
import logging
import os
import smtplib
import ssl
import string
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Optional

import yaml

from bot import paths
from bot.referrals.model import LONDON, Referral

logger = logging.getLogger(__name__)
NOTIFICATION_FILE = paths.DATA / "referrals" / "notification.yml"
DEFAULT_SENDER = "herts-assistant@localhost"
SMTP_TIMEOUT_SECONDS = 10.0
TRUE_WORDS = ("1", "true", "yes")
SUBJECT_PLACEHOLDERS = {"reference", "category", "team", "district"}
BODY_PLACEHOLDERS = SUBJECT_PLACEHOLDERS | {"place", "channel", "created_at", "contact_preference",
                                            "contact_detail", "summary"}


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 25
    sender: str = DEFAULT_SENDER
    username: Optional[str] = None
    password: Optional[str] = dataclasses.field(default=None, repr=False)
    starttls: bool = False
    timeout: float = SMTP_TIMEOUT_SECONDS


@dataclass(frozen=True)
class NotificationTemplate:
    subject: str
    body: str
    no_contact_detail: str
    not_given: str = "not given"


def smtp_settings_from_env(environ: Mapping[str, str] = os.environ) -> Optional[SmtpSettings]:
    """None when SMTP_HOST is unset: notification is off."""
    if not environ.get("SMTP_HOST"):
        return None
    return SmtpSettings(
        host=environ["SMTP_HOST"],
        port=int(environ.get("SMTP_PORT") or 25),
        sender=environ.get("SMTP_FROM") or DEFAULT_SENDER,
        username=environ.get("SMTP_USERNAME") or None,
        password=environ.get("SMTP_PASSWORD") or None,
        starttls=(environ.get("SMTP_STARTTLS") or "").strip().lower() in TRUE_WORDS,
    )


async def notify_team(referral: Referral, inbox: str, smtp_settings: SmtpSettings) -> bool:
    """True once the server accepted the email; False (logged, never raised) if it could not be sent."""
    return await asyncio.to_thread(send_notification, referral, inbox, smtp_settings)


def send_notification(referral: Referral, inbox: str, smtp_settings: SmtpSettings) -> bool:
    try:
        _send(notification_email(referral, inbox, smtp_settings.sender), smtp_settings)
    except Exception as error:
        # Whatever went wrong, the referral is already kept: report it, never raise. Log only the
        # error's kind, as its text can quote the message or the addresses.
        logger.warning("referral %s: could not email team %s (%s)", referral.reference, referral.team,
                       _describe(error))
        return False
    logger.info("referral %s: team %s notified", referral.reference, referral.team)
    return True


def notification_email(referral: Referral, inbox: str, sender: str,
                       template: Optional[NotificationTemplate] = None) -> EmailMessage:
    template = template or load_template()
    fields = {**dataclasses.asdict(referral), "created_at": referral.created_at.astimezone(LONDON),
              "contact_detail": referral.contact_detail or template.no_contact_detail,
              "place": referral.place or template.not_given, "district": referral.district or template.not_given}
    message = EmailMessage()
    message["From"] = sender
    message["To"] = inbox
    message["Subject"] = template.subject.format_map(fields)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "localhost")
    message.set_content(template.body.format_map(fields))
    return message


@lru_cache(maxsize=None)
def load_template(path: Path = NOTIFICATION_FILE) -> NotificationTemplate:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    template = NotificationTemplate(**{key: data[key] for key in ("subject", "body", "no_contact_detail", "not_given")
                                       if key in data})
    _check_placeholders(path, "subject", template.subject, SUBJECT_PLACEHOLDERS)
    _check_placeholders(path, "body", template.body, BODY_PLACEHOLDERS)
    if not isinstance(template.no_contact_detail, str):
        raise ValueError(f"{path}: 'no_contact_detail' must be a text")
    return template


def _check_placeholders(path: Path, key: str, text: object, allowed: set) -> None:
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{path}: {key!r} must be a non-empty text")
    used = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    if used - allowed:
        raise ValueError(f"{path}: {key!r} may not use {', '.join(sorted(used - allowed))}")


def _send(message: EmailMessage, settings: SmtpSettings) -> None:
    with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
        if settings.starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.username:
            smtp.login(settings.username, settings.password or "")
        smtp.send_message(message)


def _describe(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{type(error).__name__} {error.smtp_code}"
    if isinstance(error, OSError) and error.strerror:
        return f"{type(error).__name__}: {error.strerror}"
    return type(error).__name__
