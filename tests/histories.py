"""Long conversation histories written straight into a tracker store: many expired sessions of
realistic turns, then a fresh session, as a number that has texted for years would have."""
import time
from typing import List

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import paths

TURNS_PER_SESSION = 20
DOMAIN = Domain.load(str(paths.ROOT / "domain.yml"))


def turn(at: float, n: int) -> List[Event]:
    parse = {"intent": {"name": "antisocial_behaviour", "confidence": 0.93}, "text": f"message {n}",
             "entities": [{"entity": "place", "value": "Hitchin", "start": 0, "end": 7}]}
    return [UserUttered(f"kids shouting by the shops in Hitchin again, night {n}", parse["intent"],
                        parse["entities"], parse, timestamp=at),
            SlotSet("issue_category", "antisocial_behaviour", timestamp=at),
            ActionExecuted("utter_antisocial_behaviour", timestamp=at),
            BotUttered("You can report anti-social behaviour online on our website, or call 101. " * 3, timestamp=at),
            ActionExecuted("action_listen", timestamp=at)]


def history(turns: int, start: float) -> List[Event]:
    events, at = [], start
    for n in range(turns):
        if n % TURNS_PER_SESSION == 0:
            at += 7200  # a new session: the last one expired an hour ago
            events += [ActionExecuted("action_session_start", timestamp=at), SessionStarted(timestamp=at),
                       ActionExecuted("action_listen", timestamp=at)]
        at += 30
        events += turn(at, n)
    return events


async def seed(store, sender: str, turns: int) -> None:
    now = time.time()
    await store.save(DialogueStateTracker.from_events(sender, history(turns, now - 86400 * 30), DOMAIN.slots))
    fresh = [ActionExecuted("action_session_start", timestamp=now), SessionStarted(timestamp=now),
             ActionExecuted("action_listen", timestamp=now)]
    tracker = await store.retrieve(sender) or DialogueStateTracker.from_events(sender, [], DOMAIN.slots)
    for event in fresh:
        tracker.update(event)
    await store.save(tracker)
