"""The webchat channel: Rasa's socket.io protocol at /socket.io (same events as Rasa's own channel),
made safe for residents.

- Only the configured origins may connect (Rasa's own channel accepts any: `cors_allowed_origins=[]`).
- Session persistence works with any python-socketio: `enter_room` is awaited when it is a coroutine
  (python-socketio >= 5.10), which Rasa 3.6 does not do, so replies went to a room nobody joined.
- Emergency advice is marked `urgent`, so the widget can make it stand out.
- A failed or slow turn still answers (999 first, then 101); unreadable or oversized messages get a
  kind answer. Message text never reaches the logs; session ids are logged as hashes.
"""
import inspect
import logging
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional, Text, Tuple

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot import channel_messages, settings
from bot.policies.emergency_first import EMERGENCY_RESPONSES
from bot.privacy import redact_id
from channels.safe_turn import run_turn

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 5_000


class WebchatOutput(SocketIOOutput):
    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        # Rasa's own passes the payload's keys to emit() as arguments (a TypeError for any real payload).
        await self._send_message(recipient_id, {"custom": json_message})

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        if not message.get("text") or message.get("custom") or message.get("attachment"):
            await super().send_response(recipient_id, message)
            return
        reply: Dict[Text, Any] = {"text": message["text"], "urgent": message.get("utter_action") in EMERGENCY_RESPONSES}
        buttons = message.get("buttons") or message.get("quick_replies") or []
        if buttons:
            reply["quick_replies"] = [{"content_type": "text", "title": b.get("title", ""), "payload": b.get("payload", "")}
                                      for b in buttons]
        await self._send_message(recipient_id, reply)


class WebchatInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        return cls(allowed_origins=settings.cors_origins(settings.merged_environment()),
                   turn_timeout_seconds=float(credentials.get("turn_timeout_seconds", 8)))

    def __init__(self, allowed_origins: Tuple[str, ...], turn_timeout_seconds: float = 8,
                 socketio_path: Text = "/socket.io") -> None:
        self.allowed_origins = allowed_origins
        self.turn_timeout_seconds = turn_timeout_seconds
        self.socketio_path = socketio_path
        self.sio: Optional[AsyncServer] = None

    def get_output_channel(self) -> Optional[WebchatOutput]:
        return WebchatOutput(self.sio, "bot_uttered") if self.sio else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=list(self.allowed_origins))
        self.sio = sio
        hook = SocketBlueprint(sio, self.socketio_path, "webchat_socketio", __name__)

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("session_request")
        async def session_request(sid: Text, data: Any) -> None:
            session_id = data.get("session_id") if isinstance(data, dict) else None
            if not isinstance(session_id, str) or not session_id.strip() or len(session_id) > 64:
                session_id = uuid.uuid4().hex
            joined = sio.enter_room(sid, session_id)
            if inspect.isawaitable(joined):
                await joined
            await sio.emit("session_confirm", session_id, room=sid)

        @sio.on("user_uttered")
        async def user_uttered(sid: Text, data: Any) -> None:
            output = WebchatOutput(sio, "bot_uttered")
            session_id = data.get("session_id") if isinstance(data, dict) else None
            text = data.get("message") if isinstance(data, dict) else None
            if not isinstance(session_id, str) or not session_id:
                logger.warning("webchat.no_session sid=%s", redact_id(sid))
                await _say(output, sid, channel_messages.load()["unreadable_request"])
                return
            if not isinstance(text, str) or len(text) > MAX_MESSAGE_CHARS:
                logger.warning("webchat.unreadable sender=%s", redact_id(session_id))
                await _say(output, session_id, channel_messages.load()["unreadable_request"])
                return
            collector = _Recording(output)
            message = UserMessage(text, collector, session_id, input_channel=self.name())
            finished = await run_turn(on_new_message, message, self.turn_timeout_seconds)
            if not finished or not collector.sent:
                await _say(output, session_id, channel_messages.load()["safety_net"], urgent_first=True)

        return hook


class _Recording(WebchatOutput):
    """Sends as the webchat does, and remembers whether anything was sent this turn."""

    def __init__(self, output: WebchatOutput) -> None:
        super().__init__(output.sio, output.bot_message_evt)
        self.sent = 0

    async def _send_message(self, socket_id: Text, response: Any) -> None:
        self.sent += 1
        await super()._send_message(socket_id, response)


async def _say(output: WebchatOutput, room: Text, texts, urgent_first: bool = False) -> None:
    for index, text in enumerate(texts):
        await output._send_message(room, {"text": text, "urgent": urgent_first and index == 0})
