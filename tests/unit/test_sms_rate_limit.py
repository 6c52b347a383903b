"""Fixed-window counting per number, in memory and in a real redis-server shared by two processes."""
from datetime import datetime, timedelta, timezone

import pytest
import redis

from bot.sms.rate_limit import (MemoryRateLimiter, RedisRateLimiter, over_limit, rate_limiter_from_settings,
                                window_of)
from bot.sms.state import number_key

WINDOW_START = datetime(2026, 3, 1, 10, 0, tzinfo=timezone.utc)  # a multiple of 60 s since the epoch
NUMBER = "+447700900123"
OTHER = "+447700900456"




@pytest.fixture(params=["memory", "redis"])
def open_limiter(request):
    """Opens a limiter; opening another is another process (for memory, the same one)."""
    if request.param == "memory":
        limiter = MemoryRateLimiter(window_seconds=60)
        yield lambda: limiter
        return
    url = request.getfixturevalue("redis_url")
    redis.Redis.from_url(url).flushdb()
    opened = []
    yield lambda: opened.append(RedisRateLimiter(redis.Redis.from_url(url), window_seconds=60)) or opened[-1]
    for limiter in opened:
        limiter.close()


def test_messages_are_counted_per_number_within_a_window(open_limiter):
    limiter = open_limiter()
    assert [limiter.hit(NUMBER, WINDOW_START + timedelta(seconds=s)) for s in (0, 10, 59)] == [1, 2, 3]
    assert limiter.hit(OTHER, WINDOW_START + timedelta(seconds=30)) == 1


def test_a_new_window_starts_again_from_one(open_limiter):
    limiter = open_limiter()
    limiter.hit(NUMBER, WINDOW_START + timedelta(seconds=58))
    limiter.hit(NUMBER, WINDOW_START + timedelta(seconds=59))
    assert limiter.hit(NUMBER, WINDOW_START + timedelta(seconds=60)) == 1
    assert limiter.hit(NUMBER, WINDOW_START + timedelta(minutes=5)) == 1


def test_two_processes_share_one_count(open_limiter):
    first, second = open_limiter(), open_limiter()
    assert [first.hit(NUMBER, WINDOW_START), second.hit(NUMBER, WINDOW_START), first.hit(NUMBER, WINDOW_START)] \
        == [1, 2, 3]


def test_times_must_be_timezone_aware(open_limiter):
    with pytest.raises(ValueError):
        open_limiter().hit(NUMBER, datetime(2026, 3, 1, 10, 0))


def test_windows_are_aligned_to_the_epoch():
    assert window_of(WINDOW_START + timedelta(seconds=59), 60) == window_of(WINDOW_START, 60)
    assert window_of(WINDOW_START - timedelta(seconds=1), 60) == window_of(WINDOW_START, 60) - 1


@pytest.mark.parametrize("count, verdict", [(1, "ok"), (20, "ok"), (21, "tell"), (22, "silent"), (500, "silent")])
def test_over_the_limit_the_resident_is_told_once_then_nothing(count, verdict):
    assert over_limit(count, 20) == verdict


def test_redis_keys_name_the_number_only_as_its_hash(redis_url):
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    RedisRateLimiter(client, window_seconds=60).hit(NUMBER, WINDOW_START)
    keys = [key.decode() for key in client.keys("*")]
    assert keys == [f"herts:sms:rate:{number_key(NUMBER)}:{window_of(WINDOW_START, 60)}"]
    assert 0 < client.ttl(keys[0]) <= 120


def test_the_limiter_is_chosen_by_whether_redis_is_configured(redis_url):
    assert isinstance(rate_limiter_from_settings(None, 60), MemoryRateLimiter)
    limiter = rate_limiter_from_settings(redis_url, 60)
    assert isinstance(limiter, RedisRateLimiter)
    limiter.close()


def test_the_window_must_be_positive():
    with pytest.raises(ValueError):
        MemoryRateLimiter(window_seconds=0)
