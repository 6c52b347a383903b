"""The referral store and mail settings the action server uses, made on first use (never at import)."""
import os
from functools import lru_cache
from typing import Optional

from bot import settings
from bot.referrals.notify import SmtpSettings, smtp_settings_from_env
from bot.referrals.sql_store import SqlReferralStore, default_url, referral_store_from_url


@lru_cache(maxsize=None)
def store() -> SqlReferralStore:
    return referral_store_from_url(os.environ.get("REFERRALS_DB_URL") or default_url(settings.load().var_dir))


@lru_cache(maxsize=None)
def smtp_settings() -> Optional[SmtpSettings]:
    return smtp_settings_from_env(os.environ)
