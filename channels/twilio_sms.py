"""The SMS (and WhatsApp) channel over Twilio, at /webhooks/twilio/webhook (the contract).

Replaces Rasa's built-in Twilio channel: every request's X-Twilio-Signature is checked against
TWILIO_AUTH_TOKEN and the URL Twilio called; replies go back as TwiML in the webhook's response;
what to say is decided by bot.sms.service. Bodies and numbers never reach the logs.
"""
import logging
from urllib.parse import parse_qs
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from bot.appointments import runtime as appointments_runtime
from bot.conversations.erasure import erase_conversation
from bot.privacy import redact_id
from bot.referrals import runtime as referrals_runtime
from bot.sms import config as sms_config, messages
from bot.sms.inbound import MissingField, parse
from bot.sms.outbound import OutboundSms
from bot.sms.rate_limit import rate_limiter_from_settings
from bot.sms.service import SmsService
from bot.sms.state import sms_state_from_settings

logger = logging.getLogger(__name__)


class SmsCollector(CollectingOutputChannel):
    """Collects the turn's messages under the channel's name, so `channel: twilio` responses apply."""

    @classmethod
    def name(cls) -> Text:
        return "twilio"


class TwilioSmsInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "twilio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        return cls(sms_config.load())

    def __init__(self, config: sms_config.SmsConfig) -> None:
        self.config = config
        self.validator = RequestValidator(config.auth_token) if config.auth_token else None
        self.service: Optional[SmsService] = None
        if self.validator is None:
            logger.error("sms.not_configured: TWILIO_AUTH_TOKEN is not set, every SMS request will be refused")

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint("twilio_sms_webhook", __name__)

        @hook.listener("before_server_start")
        async def open_stores(app, _loop) -> None:
            self.service = self.service or self._service(app)

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            form = _form(request)
            if form is None or not self._signed(request, form):
                logger.warning("sms.refused reason=%s bytes=%d", "unreadable" if form is None else "signature",
                               len(request.body or b""))
                return response.text("Forbidden", status=403)
            try:
                inbound = parse(form)
            except MissingField as missing:
                logger.warning("sms.missing_field field=%s", missing)
                return _twiml([])

            async def run_turn(text: str) -> List[Dict]:
                collector = SmsCollector()
                await on_new_message(UserMessage(text, collector, inbound.sender, input_channel=self.name(),
                                                 metadata={"channel": "whatsapp" if inbound.is_whatsapp else "sms"}))
                return collector.messages

            return _twiml(await self.service.answer(inbound, run_turn))

        return hook

    def _signed(self, request: Request, form: Dict[str, List[str]]) -> bool:
        if self.validator is None:
            return False
        url = request.url
        if self.config.public_base_url:
            query = f"?{request.query_string}" if request.query_string else ""
            url = f"{self.config.public_base_url}{request.path}{query}"
        return self.validator.validate(url, form, request.headers.get("X-Twilio-Signature", ""))

    def _service(self, app) -> SmsService:
        async def erase(number: str) -> None:
            await erase_conversation(app.ctx.agent.tracker_store, number)
            referrals = referrals_runtime.store().delete_for_conversation(number)
            bookings = appointments_runtime.store().delete_for_conversation(number)
            logger.info("sms.erased sender=%s referrals=%d bookings=%d", redact_id(number), referrals, bookings)

        return SmsService(self.config, sms_state_from_settings(self.config.redis_url, self.config.var_dir),
                          rate_limiter_from_settings(self.config.redis_url, 60), OutboundSms(self.config),
                          messages.load(), erase)


class _Form(dict):
    """Twilio's form fields; `getlist` for the signature check, `get` gives the first value."""

    def getlist(self, name: str) -> List[str]:
        return dict.__getitem__(self, name)

    def get(self, name: str, default: Any = None) -> Any:
        values = dict.get(self, name)
        return values[0] if values else default


def _form(request: Request) -> Optional[_Form]:
    """Parsed here, not by Sanic: Sanic drops empty fields, and Twilio signs them too."""
    if (request.content_type or "").split(";")[0].strip().lower() != "application/x-www-form-urlencoded":
        return None
    try:
        return _Form(parse_qs((request.body or b"").decode("utf-8"), keep_blank_values=True))
    except (UnicodeDecodeError, ValueError):
        return None


def _twiml(texts: List[str]) -> HTTPResponse:
    reply = MessagingResponse()
    for text in texts:
        reply.message(text)
    return response.text(str(reply), content_type="application/xml")
