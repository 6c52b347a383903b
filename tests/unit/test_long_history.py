"""A number is a conversation for life: a turn costs the same after 1,000 turns of history as in a
new conversation, with the project's SQL store (SQLite) and its Redis store (a real redis-server).
Rasa's own Redis store is measured beside them, to show what the test would catch."""
import asyncio
import statistics
import time

import pytest
from rasa.core.tracker_store import RedisTrackerStore
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from redis.connection import parse_url

from bot.conversations.erasure import erase_conversation
from bot.conversations.stores import IndexedSQLTrackerStore, SessionRedisTrackerStore
from tests.histories import DOMAIN, TURNS_PER_SESSION, history, seed, turn

HISTORY_TURNS, MEASURED_TURNS = 1000, 25


async def one_turn(store, sender: str, n: int) -> float:
    began = time.perf_counter()
    tracker = await store.retrieve(sender)
    for event in turn(time.time(), n):
        tracker.update(event)
    await store.save(tracker)
    return time.perf_counter() - began


async def median_turn(store, sender: str, turns: int) -> float:
    return statistics.median([await one_turn(store, sender, n) for n in range(turns)])


def compare(store, turns: int = MEASURED_TURNS) -> tuple:
    """Median seconds per turn: (after 1,000 turns of history, in a new conversation)."""
    async def measure():
        await seed(store, "+447700900001", HISTORY_TURNS)
        await seed(store, "+447700900002", 0)
        return await median_turn(store, "+447700900001", turns), await median_turn(store, "+447700900002", turns)
    return asyncio.new_event_loop().run_until_complete(measure())


def redis_options(url: str) -> dict:
    parsed = parse_url(url)
    return {"host": parsed["host"], "port": parsed["port"], "db": parsed.get("db", 0), "key_prefix": "herts"}


def test_sql_turn_cost_is_flat_after_1000_turns(tmp_path):
    store = IndexedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "rasa.db"))
    long_history, new = compare(store)
    assert long_history <= new * 1.5 + 0.002, (long_history, new)


def test_redis_turn_cost_is_flat_after_1000_turns_where_rasas_own_store_grows(redis_url):
    ours = compare(SessionRedisTrackerStore(DOMAIN, **redis_options(redis_url)))
    assert ours[0] <= ours[1] * 1.5 + 0.002, ours
    rasa_own = RedisTrackerStore(DOMAIN, **{**redis_options(redis_url), "key_prefix": "rasa"})
    rasa_history, _ = compare(rasa_own, turns=3)
    assert rasa_history > 5 * ours[0], (rasa_history, ours)


def test_the_whole_history_stays_readable_and_erasable(redis_url, tmp_path):
    stores = [SessionRedisTrackerStore(DOMAIN, **redis_options(redis_url)),
              IndexedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "rasa.db"))]

    async def check(store):
        sender = "+447700900003"
        await seed(store, sender, 100)
        current = await store.retrieve(sender)
        full = await store.retrieve_full_tracker(sender)
        said = [e.text for e in full.events if isinstance(e, UserUttered)]
        assert len(said) == 100 and said[0].endswith("night 0") and said[-1].endswith("night 99")
        assert not any(isinstance(e, UserUttered) for e in current.events)
        await erase_conversation(store, sender)
        assert await store.retrieve(sender) is None and await store.retrieve_full_tracker(sender) is None

    for store in stores:
        asyncio.new_event_loop().run_until_complete(check(store))


@pytest.mark.parametrize("sessions_already_stored", [1, 3])
def test_a_value_written_by_rasas_own_redis_store_is_split_not_lost(redis_url, sessions_already_stored):
    sender = f"+4477009000{sessions_already_stored}9"
    legacy = RedisTrackerStore(DOMAIN, **redis_options(redis_url))
    ours = SessionRedisTrackerStore(DOMAIN, **redis_options(redis_url))

    async def check():
        await legacy.save(DialogueStateTracker.from_events(
            sender, history(TURNS_PER_SESSION * sessions_already_stored, time.time() - 86400), DOMAIN.slots))
        tracker = await ours.retrieve(sender)
        tracker.update(UserUttered("one more", timestamp=time.time()))
        await ours.save(tracker)
        full = await ours.retrieve_full_tracker(sender)
        return [e.text for e in full.events if isinstance(e, UserUttered)]

    said = asyncio.new_event_loop().run_until_complete(check())
    assert len(said) == TURNS_PER_SESSION * sessions_already_stored + 1 and said[-1] == "one more"
