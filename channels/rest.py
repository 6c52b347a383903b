"""Rasa's REST channel at the same URL and payload, made safe for residents.

- A turn that fails, times out or produces nothing still answers: the safety-net messages
  (999 first, then 101). The turn goes on in the background, so nothing said is lost.
- Requests that are not JSON, not UTF-8 or have a non-text message get a kind 400 answer.
- Message text never reaches the logs; the sender is logged as a hash.
"""
import json
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import channel_messages
from channels.safe_turn import run_turn

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 50_000


class BadRequest(ValueError):
    """The request body cannot be read as a message."""


class SafeRestInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        return cls(float(credentials.get("turn_timeout_seconds", 8)))

    def __init__(self, turn_timeout_seconds: float = 8) -> None:
        self.turn_timeout_seconds = turn_timeout_seconds

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint("safe_rest_webhook", __name__)

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                sender_id, text, metadata = parse_request(request.body)
            except BadRequest as problem:
                logger.warning("rest.bad_request reason=%s bytes=%d", problem, len(request.body or b""))
                return response.json(_as_replies("", channel_messages.load()["unreadable_request"]), status=400)
            collector = CollectingOutputChannel()
            message = UserMessage(text, collector, sender_id, input_channel=self.name(), metadata=metadata)
            await run_turn(on_new_message, message, self.turn_timeout_seconds)
            replies = collector.messages or _as_replies(sender_id, channel_messages.load()["safety_net"])
            return response.json(replies)

        return hook


def parse_request(body: Optional[bytes]) -> tuple:
    try:
        payload = json.loads((body or b"").decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise BadRequest(type(error).__name__) from None
    if not isinstance(payload, dict):
        raise BadRequest("not an object")
    sender = payload.get("sender")
    if not isinstance(sender, (str, int)) or not str(sender).strip():
        raise BadRequest("no sender")
    text = payload.get("message")
    if text is None:
        text = ""
    if not isinstance(text, (str, int, float)):
        raise BadRequest("message is not text")
    metadata = payload.get("metadata") if isinstance(payload.get("metadata"), dict) else None
    return str(sender)[:200], str(text)[:MAX_MESSAGE_CHARS], metadata


def _as_replies(sender_id: str, texts: List[str]) -> List[Dict[str, str]]:
    return [{"recipient_id": sender_id, "text": text} for text in texts]
