"""The booking store the servers use, made on first use (never at import)."""
import os
from functools import lru_cache

from bot import settings
from bot.appointments.sql_store import SqlBookingStore, default_url


@lru_cache(maxsize=None)
def store() -> SqlBookingStore:
    return SqlBookingStore(os.environ.get("APPOINTMENTS_DB_URL") or default_url(settings.load().var_dir))
