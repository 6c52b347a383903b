"""How many messages a number has sent in the current fixed window, and what to do about too many."""
import abc
import threading
from datetime import datetime
from typing import Dict, Optional, Tuple

import redis

from bot.sms.state import as_utc, number_key


class RateLimiter(abc.ABC):
    @abc.abstractmethod
    def hit(self, number: str, now: datetime) -> int:
        """Count this message; the number of messages from the number in the current window, this one included."""

    def close(self) -> None:
        """Release connections; nothing to do by default."""


def window_of(now: datetime, window_seconds: int) -> int:
    """Fixed windows aligned to the epoch: every process agrees which window `now` is in."""
    return int(as_utc(now).timestamp() // window_seconds)


class MemoryRateLimiter(RateLimiter):
    def __init__(self, window_seconds: int = 60):
        if window_seconds <= 0:
            raise ValueError("the rate limit window must be positive")
        self._window_seconds = window_seconds
        self._counts: Dict[str, Tuple[int, int]] = {}
        self._lock = threading.Lock()

    def hit(self, number: str, now: datetime) -> int:
        key, window = number_key(number), window_of(now, self._window_seconds)
        with self._lock:
            counted_window, count = self._counts.get(key, (window, 0))
            count = count + 1 if counted_window == window else 1
            self._counts[key] = (window, count)
            if len(self._counts) > 10_000:
                self._counts = {k: v for k, v in self._counts.items() if v[0] >= window}
            return count


class RedisRateLimiter(RateLimiter):
    """Shared by every Rasa process using the same Redis: one key per number per window."""

    def __init__(self, client: redis.Redis, window_seconds: int = 60, prefix: str = "herts:sms:rate"):
        if window_seconds <= 0:
            raise ValueError("the rate limit window must be positive")
        self._client = client
        self._window_seconds = window_seconds
        self._prefix = prefix

    def hit(self, number: str, now: datetime) -> int:
        key = f"{self._prefix}:{number_key(number)}:{window_of(now, self._window_seconds)}"
        with self._client.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            # Twice the window: the key names its window, so keeping it longer never mixes windows,
            # and a clock a little behind Redis's cannot see its count vanish early.
            pipe.expire(key, 2 * self._window_seconds)
            count, _ = pipe.execute()
        return int(count)

    def close(self) -> None:
        self._client.close()


def over_limit(count: int, limit: int) -> str:
    """"ok" up to the limit, "tell" for the first message over it (the one polite reply), then "silent"."""
    if count <= limit:
        return "ok"
    return "tell" if count == limit + 1 else "silent"


def rate_limiter_from_settings(redis_url: Optional[str], window_seconds: int = 60) -> RateLimiter:
    if redis_url:
        return RedisRateLimiter(redis.Redis.from_url(redis_url), window_seconds)
    return MemoryRateLimiter(window_seconds)
