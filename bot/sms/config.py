"""The SMS channel's settings, from the environment or `.env` (secrets never in credentials.yml)."""
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional

from bot import paths
from bot.settings import merged_environment, var_directory

TWILIO_TIMEOUT_SECONDS = 15


@dataclass(frozen=True)
class SmsConfig:
    auth_token: Optional[str]
    account_sid: Optional[str]
    # The public URL Twilio calls, e.g. https://contact.herts.police.uk, when behind a proxy.
    public_base_url: Optional[str]
    # Twilio's REST API; another base URL only for a test double or a regional edge.
    api_base_url: Optional[str]
    redis_url: Optional[str]
    var_dir: Path
    rate_limit_per_minute: int = 20
    turn_timeout_seconds: float = 10.0
    max_messages: int = 5
    max_chars: int = 1600

    @property
    def can_send(self) -> bool:
        return bool(self.account_sid and self.auth_token)


def load(environ: Mapping[str, str] = os.environ, root: Path = paths.ROOT) -> SmsConfig:
    env = merged_environment(environ, root)
    timeout = float(env.get("SMS_TURN_TIMEOUT_SECONDS") or 10)
    if not 0 < timeout < TWILIO_TIMEOUT_SECONDS:
        raise ValueError(f"SMS_TURN_TIMEOUT_SECONDS must be between 0 and {TWILIO_TIMEOUT_SECONDS}")
    return SmsConfig(
        auth_token=env.get("TWILIO_AUTH_TOKEN") or None,
        account_sid=env.get("TWILIO_ACCOUNT_SID") or None,
        public_base_url=(env.get("TWILIO_WEBHOOK_BASE_URL") or "").rstrip("/") or None,
        api_base_url=(env.get("TWILIO_API_BASE_URL") or "").rstrip("/") or None,
        redis_url=env.get("REDIS_URL") or None,
        var_dir=var_directory(env, root),
        rate_limit_per_minute=int(env.get("SMS_RATE_LIMIT_PER_MINUTE") or 20),
        turn_timeout_seconds=timeout,
        max_messages=int(env.get("SMS_MAX_MESSAGES") or 5),
    )
