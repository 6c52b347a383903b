"""Run one turn for a channel so that a failed or slow turn never leaves the resident without an answer.

The turn goes on in the background after a timeout, so nothing said is lost; errors are logged
without the message text.
"""
import asyncio
import logging
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage

from bot.privacy import redact_id

logger = logging.getLogger(__name__)


async def run_turn(on_new_message: Callable[[UserMessage], Awaitable[Any]], message: UserMessage,
                   timeout_seconds: float) -> bool:
    """True if the turn finished in time without an error."""
    turn = asyncio.ensure_future(on_new_message(message))
    channel = message.input_channel
    try:
        await asyncio.wait_for(asyncio.shield(turn), timeout=timeout_seconds)
        return True
    except asyncio.TimeoutError:
        logger.error("%s.turn_timeout sender=%s after=%ss", channel, redact_id(message.sender_id), timeout_seconds)
    except Exception as error:  # the resident gets the safety net; the error is logged without text
        logger.error("%s.turn_failed sender=%s error=%s", channel, redact_id(message.sender_id), type(error).__name__)
    return False
