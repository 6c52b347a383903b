"""The webchat's socket.io channel against the real servers, with python-socketio's own client:
replies reach a persisted session (the enter_room trap), 999 advice is marked urgent, a reconnect
continues the conversation, and only the configured origins may connect."""
import queue

import pytest
import socketio

from bot.settings import DEMO_PAGE_ORIGIN


class Browser:
    """A socket.io client that talks as the widget does (long-polling: python-socketio's websocket
    client needs a newer aiohttp than Rasa allows; the browser tests use websockets)."""

    def __init__(self, url: str, origin: str = DEMO_PAGE_ORIGIN):
        self.url, self.origin = url, origin
        self.client = socketio.Client(reconnection=False)
        self.replies: queue.Queue = queue.Queue()
        self.confirmed: queue.Queue = queue.Queue()
        self.client.on("bot_uttered", self.replies.put)
        self.client.on("session_confirm", self.confirmed.put)

    def open(self, session_id=None) -> str:
        self.client.connect(self.url, headers={"Origin": self.origin}, transports=["polling"],
                            socketio_path="/socket.io", wait_timeout=10)
        self.client.emit("session_request", {"session_id": session_id})
        return self.confirmed.get(timeout=10)

    def say(self, session_id, text, expect: int = 1):
        self.client.emit("user_uttered", {"message": text, "session_id": session_id})
        return [self.replies.get(timeout=20) for _ in range(expect)]

    def close(self):
        self.client.disconnect()


def test_an_emergency_gets_999_first_marked_urgent_in_a_persisted_session(stack, responses):
    browser = Browser(stack.url)
    session = browser.open()
    replies = browser.say(session, "someone is breaking into my house right now", expect=3)
    browser.close()
    assert replies[0] == {"text": responses["utter_emergency_now"], "urgent": True}
    assert all(reply["urgent"] for reply in replies)
    assert stack.slots(session)["urgency"] == "emergency"


def test_a_new_connection_with_the_same_session_continues_the_conversation(stack):
    first = Browser(stack.url)
    session = first.open()
    first.say(session, "my bike was stolen from outside hitchin station on monday", expect=2)
    first.close()
    second = Browser(stack.url)
    assert second.open(session) == session
    replies = second.say(session, "thanks")
    second.close()
    assert replies[0]["urgent"] is False
    assert stack.user_texts(session) == ["my bike was stolen from outside hitchin station on monday", "thanks"]


def test_buttons_arrive_as_quick_replies(stack):
    browser = Browser(stack.url)
    session = browser.open()
    replies = browser.say(session, "teenagers keep setting fires in the park at Kings Langley", expect=2)
    browser.close()
    assert [q["title"] for q in replies[-1]["quick_replies"]] == ["Dacorum", "Three Rivers"]


def test_another_website_cannot_connect(stack):
    with pytest.raises(socketio.exceptions.ConnectionError):
        Browser(stack.url, origin="https://evil.example").open()


def test_an_unreadable_message_gets_a_kind_answer(stack):
    browser = Browser(stack.url)
    session = browser.open()
    browser.client.emit("user_uttered", {"message": {"not": "text"}, "session_id": session})
    reply = browser.replies.get(timeout=10)
    browser.close()
    assert "could not read that message" in reply["text"]
