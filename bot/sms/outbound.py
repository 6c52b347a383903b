"""Texts sent through Twilio's REST API, for replies that were not ready inside the webhook's time.

The twilio client is blocking: it runs in a worker thread so the Rasa server's event loop is free.
"""
import asyncio
import logging
from typing import Callable, Optional, Sequence

from twilio.base.exceptions import TwilioException
from twilio.rest import Client

from bot.privacy import redact_id
from bot.sms.config import SmsConfig

logger = logging.getLogger(__name__)


class OutboundSms:
    def __init__(self, config: SmsConfig, client_factory: Callable[..., Client] = Client) -> None:
        self._client: Optional[Client] = None
        if config.can_send:
            self._client = client_factory(config.account_sid, config.auth_token)
            if config.api_base_url:
                self._client.api.base_url = config.api_base_url

    async def send(self, to: str, sender: str, texts: Sequence[str]) -> int:
        """Send each text in order; returns how many were accepted by Twilio."""
        if self._client is None:
            logger.error("sms.outbound_not_configured to=%s texts=%d (set TWILIO_ACCOUNT_SID)", redact_id(to), len(texts))
            return 0
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, self._send_all, to, sender, list(texts))

    def _send_all(self, to: str, sender: str, texts: Sequence[str]) -> int:
        sent = 0
        for text in texts:
            try:
                self._client.messages.create(to=to, from_=sender, body=text)
                sent += 1
            except TwilioException as error:
                logger.error("sms.outbound_failed to=%s error=%s", redact_id(to), type(error).__name__)
                break
        return sent
