"""Erase a whole conversation (every session) from Rasa's tracker store."""
import logging

from rasa.core.tracker_store import InMemoryTrackerStore, TrackerStore

from bot.privacy import redact_id

logger = logging.getLogger(__name__)


def underlying(store: TrackerStore) -> TrackerStore:
    """Rasa wraps the configured store (FailSafeTrackerStore, AwaitableTrackerStore): the real one."""
    while hasattr(store, "_tracker_store"):
        store = store._tracker_store
    return store


async def erase_conversation(store: TrackerStore, sender_id: str) -> None:
    store = underlying(store)
    if hasattr(store, "erase"):
        store.erase(sender_id)
    elif isinstance(store, InMemoryTrackerStore):
        store.store.pop(sender_id, None)
    else:
        raise TypeError(f"cannot erase from {type(store).__name__}")
    logger.info("conversation.erased sender=%s", redact_id(sender_id))
