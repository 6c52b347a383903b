"""What the SMS channel keeps per phone number: the interface, an in-memory one for tests, and the factory.

Numbers are personal data: every implementation keys by `number_key(number)`, never by the number itself.
"""
import abc
import hashlib
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

from bot.sql import as_utc

OPTIONS_TTL = timedelta(days=1)
REPLY_TTL = timedelta(days=1)


def number_key(number: str) -> str:
    """The only form in which a number is kept: sha256 hex of the string exactly as Twilio sent it."""
    return hashlib.sha256(number.encode("utf-8")).hexdigest()


class SmsState(abc.ABC):
    """All methods are synchronous and quick; `now` is passed in wherever time matters."""

    # Opt-outs: durable, and kept by `forget`.

    @abc.abstractmethod
    def opt_out(self, number: str, now: datetime) -> bool:
        """Record the opt-out; True if newly opted out, False if it already was."""

    @abc.abstractmethod
    def opt_in(self, number: str) -> bool:
        """Remove the opt-out; True if the number was opted out."""

    @abc.abstractmethod
    def is_opted_out(self, number: str) -> bool:
        ...

    # The numbered options offered in the last reply.

    @abc.abstractmethod
    def remember_options(self, number: str, payloads: List[str], now: datetime) -> None:
        """Replace the options offered to the number; an empty list clears them."""

    @abc.abstractmethod
    def options(self, number: str, now: datetime) -> List[str]:
        """The options last offered, or [] once they are older than the options TTL."""

    # Exactly-once handling per Twilio MessageSid.

    @abc.abstractmethod
    def claim(self, message_sid: str, number: str, now: datetime) -> bool:
        """True only for the first claimant of an unexpired sid, also across processes."""

    @abc.abstractmethod
    def save_reply(self, message_sid: str, number: str, reply: str, now: datetime) -> None:
        """Keep the reply given to the message, for Twilio's retries of the same sid."""

    @abc.abstractmethod
    def reply(self, message_sid: str, now: datetime) -> Optional[str]:
        """The saved reply; None while the first delivery is still being processed, or once expired."""

    # Flags about the conversation, e.g. "unsafe_to_text": kept until cleared or forgotten.

    @abc.abstractmethod
    def set_flag(self, number: str, name: str, value: bool, now: datetime) -> None:
        ...

    @abc.abstractmethod
    def flag(self, number: str, name: str) -> bool:
        """False unless set."""

    @abc.abstractmethod
    def forget(self, number: str) -> None:
        """Erase everything kept for the number (options, flags, claims and replies) except the opt-out."""

    def close(self) -> None:
        """Release connections; nothing to do by default."""


@dataclass
class _Delivery:
    number_key: str
    expires_at: datetime
    reply: Optional[str] = None


class MemorySmsState(SmsState):
    def __init__(self, options_ttl: timedelta = OPTIONS_TTL, reply_ttl: timedelta = REPLY_TTL):
        self._options_ttl = options_ttl
        self._reply_ttl = reply_ttl
        self._opted_out: Dict[str, datetime] = {}
        self._options: Dict[str, Tuple[Tuple[str, ...], datetime]] = {}
        self._deliveries: Dict[str, _Delivery] = {}
        self._flags: Dict[str, Set[str]] = {}
        self._lock = threading.Lock()

    def opt_out(self, number: str, now: datetime) -> bool:
        key, when = number_key(number), as_utc(now)
        with self._lock:
            if key in self._opted_out:
                return False
            self._opted_out[key] = when
            return True

    def opt_in(self, number: str) -> bool:
        with self._lock:
            return self._opted_out.pop(number_key(number), None) is not None

    def is_opted_out(self, number: str) -> bool:
        return number_key(number) in self._opted_out

    def remember_options(self, number: str, payloads: List[str], now: datetime) -> None:
        key, expires_at = number_key(number), as_utc(now) + self._options_ttl
        with self._lock:
            if payloads:
                self._options[key] = (tuple(payloads), expires_at)
            else:
                self._options.pop(key, None)

    def options(self, number: str, now: datetime) -> List[str]:
        found = self._options.get(number_key(number))
        if found is None or found[1] <= as_utc(now):
            return []
        return list(found[0])

    def claim(self, message_sid: str, number: str, now: datetime) -> bool:
        now = as_utc(now)
        with self._lock:
            self._purge(now)
            if message_sid in self._deliveries:
                return False
            self._deliveries[message_sid] = _Delivery(number_key(number), now + self._reply_ttl)
            return True

    def save_reply(self, message_sid: str, number: str, reply: str, now: datetime) -> None:
        with self._lock:
            self._deliveries[message_sid] = _Delivery(number_key(number), as_utc(now) + self._reply_ttl, reply)

    def reply(self, message_sid: str, now: datetime) -> Optional[str]:
        found = self._deliveries.get(message_sid)
        if found is None or found.expires_at <= as_utc(now):
            return None
        return found.reply

    def set_flag(self, number: str, name: str, value: bool, now: datetime) -> None:
        key = number_key(number)
        as_utc(now)
        with self._lock:
            names = self._flags.setdefault(key, set())
            if value:
                names.add(name)
            else:
                names.discard(name)
            if not names:
                del self._flags[key]

    def flag(self, number: str, name: str) -> bool:
        return name in self._flags.get(number_key(number), ())

    def forget(self, number: str) -> None:
        key = number_key(number)
        with self._lock:
            self._options.pop(key, None)
            self._flags.pop(key, None)
            for sid in [sid for sid, delivery in self._deliveries.items() if delivery.number_key == key]:
                del self._deliveries[sid]

    def _purge(self, now: datetime) -> None:
        for sid in [sid for sid, delivery in self._deliveries.items() if delivery.expires_at <= now]:
            del self._deliveries[sid]
        for key in [key for key, (_, expires_at) in self._options.items() if expires_at <= now]:
            del self._options[key]


def sms_state_from_settings(redis_url: Optional[str], var_dir: Path) -> SmsState:
    """Redis when REDIS_URL is set (shared by every Rasa process), else SQLite at var_dir/sms.db."""
    if redis_url:
        import redis

        from bot.sms.redis_state import RedisSmsState
        return RedisSmsState(redis.Redis.from_url(redis_url))
    from bot.sms.sql_state import SqlSmsState
    Path(var_dir).mkdir(parents=True, exist_ok=True)
    return SqlSmsState(f"sqlite:///{Path(var_dir) / 'sms.db'}")
