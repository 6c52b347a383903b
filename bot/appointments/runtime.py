"""What the action server books against and texts with, made on first use (never at import)."""
import os
from datetime import datetime, timezone
from functools import lru_cache
from typing import Optional

from bot import settings
from bot.appointments import diary
from bot.appointments.dialogue import Desk
from bot.appointments.sql_store import SqlBookingStore, default_url
from bot.geo import teams
from bot.settings import merged_environment
from bot.sms import config as sms_config
from bot.sms.outbound import OutboundSms
from bot.sms.state import SmsState, sms_state_from_settings


@lru_cache(maxsize=None)
def store() -> SqlBookingStore:
    return SqlBookingStore(os.environ.get("APPOINTMENTS_DB_URL") or default_url(settings.load().var_dir))


def desk() -> Desk:
    return Desk(diary.load(), store(), teams.load(), datetime.now(timezone.utc))


@lru_cache(maxsize=None)
def outbound() -> OutboundSms:
    return OutboundSms(sms_config.load())


@lru_cache(maxsize=None)
def sms_state() -> SmsState:
    config = sms_config.load()
    return sms_state_from_settings(config.redis_url, config.var_dir)


def sms_from_number() -> Optional[str]:
    """The force's SMS number confirmations are sent from (TWILIO_FROM_NUMBER); none: no texts."""
    return merged_environment().get("TWILIO_FROM_NUMBER") or None
