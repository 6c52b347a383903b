"""Rasa tracker stores whose cost per turn stays flat however long a conversation's history is.

An SMS number is a conversation for life. Rasa's Redis store keeps every session in one value
and reads, replays and rewrites all of it on every turn; here the current session has its own key
and each finished session is appended to an archive list, read only by `retrieve_full_tracker`
(the transcript the console shows). Rasa's SQL store already loads only the latest session; this
one adds the index that query needs.
"""
import logging
from typing import Any, List, Optional, Text

import sqlalchemy as sa
from rasa.core.tracker_store import RedisTrackerStore, SQLTrackerStore
from rasa.shared.core.constants import ACTION_SESSION_START_NAME
from rasa.shared.core.events import ActionExecuted, Event
from rasa.shared.core.trackers import DialogueStateTracker, get_trackers_for_conversation_sessions

logger = logging.getLogger(__name__)


class SessionRedisTrackerStore(RedisTrackerStore):
    def _archive_key(self, sender_id: Text) -> Text:
        return f"{self.key_prefix.rstrip(':')}_archive:{sender_id}"

    async def save(self, tracker: DialogueStateTracker, timeout: Optional[float] = None) -> None:
        await self.stream_events(tracker)
        timeout = timeout or self.record_exp
        key, archive = self.key_prefix + tracker.sender_id, self._archive_key(tracker.sender_id)
        stored = self.red.get(key)
        stored_sessions = _sessions(self.deserialise_tracker(tracker.sender_id, stored)) if stored else []
        # A value written by Rasa's own Redis store holds every session: archive all but the last.
        finished = stored_sessions[:-1]
        current_start = _start(stored_sessions[-1]) if stored_sessions else None
        sessions = _sessions(tracker)
        finished += [s for s in sessions[:-1] if current_start is None or _start(s) >= current_start]
        with self.red.pipeline(transaction=True) as pipe:
            for session in finished:
                pipe.rpush(archive, self.serialise_tracker(session))
            pipe.set(key, self.serialise_tracker(sessions[-1]), ex=timeout)
            if timeout:
                pipe.expire(archive, int(timeout))
            pipe.execute()

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        stored = self.red.get(self.key_prefix + sender_id)
        if stored is None:
            return None
        return _sessions(self.deserialise_tracker(sender_id, stored))[-1]

    async def retrieve_full_tracker(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        current = self.red.get(self.key_prefix + sender_id)
        archived = self.red.lrange(self._archive_key(sender_id), 0, -1)
        if current is None and not archived:
            return None
        events: List[Event] = []
        for serialised in [*archived, *([current] if current else [])]:
            events.extend(self.deserialise_tracker(sender_id, serialised).events)
        return DialogueStateTracker.from_events(sender_id, events, self.domain.slots)

    def erase(self, sender_id: Text) -> None:
        self.red.delete(self.key_prefix + sender_id, self._archive_key(sender_id))


class IndexedSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL store plus an index for "where does this conversation's latest session start"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        events = self.SQLEvent.__table__
        index = sa.Index("ix_events_sender_type_time", events.c.sender_id, events.c.type_name, events.c.timestamp)
        index.create(self.engine, checkfirst=True)

    def erase(self, sender_id: Text) -> None:
        with self.session_scope() as session:
            session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.commit()


def _sessions(tracker: DialogueStateTracker) -> List[DialogueStateTracker]:
    starts = [i for i, event in enumerate(tracker.events) if _is_session_start(event)]
    if starts in ([], [0]):
        return [tracker]  # one session: no need to replay its events into new trackers
    return get_trackers_for_conversation_sessions(tracker)


def _is_session_start(event: Event) -> bool:
    return isinstance(event, ActionExecuted) and event.action_name == ACTION_SESSION_START_NAME


def _start(session: DialogueStateTracker) -> float:
    return session.events[0].timestamp if session.events else 0.0
