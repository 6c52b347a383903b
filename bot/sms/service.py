"""What one text from a resident gets back: keywords, limits and exactly-once around the assistant's turn.

The channel (channels/twilio_sms.py) checks the signature and turns the answer into TwiML; this
module decides what to say. `run_turn(text)` runs the assistant's turn and returns its messages
(Rasa's CollectingOutputChannel dicts).
"""
import asyncio
import json
import logging
from datetime import datetime, timezone
from typing import Awaitable, Callable, Dict, List, Optional, Sequence, Set

from bot import channel_messages
from bot.privacy import redact_id
from bot.sms import buttons, shared_phone
from bot.sms.config import SmsConfig
from bot.sms.held import HeldReplies
from bot.sms.inbound import InboundSms
from bot.sms.messages import SmsTexts
from bot.sms.outbound import OutboundSms
from bot.sms.rate_limit import RateLimiter, over_limit
from bot.sms.state import SmsState
from bot.sms.text import pack_messages

logger = logging.getLogger(__name__)

RunTurn = Callable[[str], Awaitable[List[Dict]]]
Erase = Callable[[str], Awaitable[None]]
DUPLICATE_POLL_SECONDS = 0.2


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class SmsService:
    def __init__(self, config: SmsConfig, state: SmsState, limiter: RateLimiter, outbound: OutboundSms,
                 texts: SmsTexts, erase: Erase, clock: Callable[[], datetime] = utcnow) -> None:
        self.config, self.state, self.limiter, self.outbound = config, state, limiter, outbound
        self.texts, self.erase, self.clock = texts, erase, clock
        self.held = HeldReplies(state)
        self._late_turns: Set[asyncio.Future] = set()

    async def answer(self, inbound: InboundSms, run_turn: RunTurn) -> List[str]:
        """The texts of the webhook's reply; the same texts again for a redelivered MessageSid."""
        if not self.state.claim(inbound.sid, inbound.sender, self.clock()):
            logger.info("sms.duplicate sender=%s", redact_id(inbound.sender))
            return await self._earlier_answer(inbound.sid)
        replies = channel_messages.load()["safety_net"]
        try:
            replies = await self._answer_once(inbound, run_turn)
        except Exception as error:  # the resident still gets the safety net; logged without text
            logger.error("sms.answer_failed sender=%s error=%s", redact_id(inbound.sender), type(error).__name__)
        finally:
            self.state.save_reply(inbound.sid, inbound.sender, json.dumps(replies), self.clock())
        return replies

    async def _earlier_answer(self, sid: str) -> List[str]:
        deadline = asyncio.get_running_loop().time() + self.config.turn_timeout_seconds + 1
        while asyncio.get_running_loop().time() < deadline:
            saved = self.state.reply(sid, self.clock())
            if saved is not None:
                return json.loads(saved)
            await asyncio.sleep(DUPLICATE_POLL_SECONDS)
        return []

    async def _answer_once(self, inbound: InboundSms, run_turn: RunTurn) -> List[str]:
        number, now, said = inbound.sender, self.clock(), self.texts.messages
        limit = over_limit(self.limiter.hit(number, now), self.config.rate_limit_per_minute)
        if limit != "ok":
            logger.warning("sms.rate_limited sender=%s reply=%s", redact_id(number), limit == "tell")
            return [said["rate_limited"]] if limit == "tell" else []
        opted_out = self.state.is_opted_out(number)
        keyword = _twilio_keyword(inbound) or self.texts.keyword(inbound.body, opted_out)
        if keyword:
            return await self._keyword(keyword, inbound, now)
        if opted_out:
            # Kept in the conversation for call handlers, but nothing is sent until START.
            await run_turn(inbound.body)
            logger.info("sms.opted_out_message_kept sender=%s", redact_id(number))
            return []
        replies = await self._turn(inbound, run_turn) if inbound.body.strip() or not inbound.media_count else []
        held = self.held.take(number, now)
        if inbound.media_count:
            logger.info("sms.media_refused sender=%s count=%d", redact_id(number), inbound.media_count)
            held.append(said["media"])
        # After this turn's answer, so a 999 answer still comes first.
        return self._pack([*replies, *held]) if held else replies

    async def _keyword(self, keyword: str, inbound: InboundSms, now: datetime) -> List[str]:
        number, said, by_twilio = inbound.sender, self.texts.messages, inbound.opt_out_type is not None
        logger.info("sms.keyword sender=%s keyword=%s twilio=%s", redact_id(number), keyword, by_twilio)
        if keyword == "stop":
            newly = self.state.opt_out(number, now)
            return [said["stopped"]] if newly and not by_twilio else []
        if keyword == "start":
            self.state.opt_in(number)
            return [] if by_twilio else [said["started"]]
        if keyword == "help":
            return [] if by_twilio else [said["help"]]
        await self.erase(number)
        self.state.forget(number)
        return [said["deleted"]]

    async def _turn(self, inbound: InboundSms, run_turn: RunTurn) -> List[str]:
        now = self.clock()
        text = buttons.chosen_payload(inbound.body, self.state.options(inbound.sender, now)) or inbound.body
        turn = asyncio.ensure_future(run_turn(text))
        done, _ = await asyncio.wait({turn}, timeout=self.config.turn_timeout_seconds)
        if not done:
            logger.warning("sms.turn_slow sender=%s after=%ss", redact_id(inbound.sender), self.config.turn_timeout_seconds)
            late = asyncio.ensure_future(self._send_when_ready(turn, inbound))
            self._late_turns.add(late)
            late.add_done_callback(self._late_turns.discard)
            return [self.texts.messages["still_working"]]
        return self._replies(turn.result(), inbound, now)

    async def _send_when_ready(self, turn: asyncio.Future, inbound: InboundSms) -> None:
        try:
            messages = await turn
        except Exception as error:
            logger.error("sms.turn_failed sender=%s error=%s", redact_id(inbound.sender), type(error).__name__)
            messages = []
        number, now = inbound.sender, self.clock()
        replies = self._replies(messages, inbound, now)
        if self.state.is_opted_out(number):
            logger.info("sms.late_reply_not_sent sender=%s reason=opted_out", redact_id(number))
            return
        unsafe = self.state.flag(number, "unsafe_to_text")
        if unsafe or self.state.flag(number, "sensitive"):
            self.held.hold(number, replies, now)
            logger.info("sms.late_reply_held sender=%s", redact_id(number))
            if not unsafe:
                await self.outbound.send(number, inbound.to, [self.texts.messages["reply_waiting"]])
            return
        await self.outbound.send(number, inbound.to, replies)

    def _replies(self, messages: Sequence[Dict], inbound: InboundSms, now: datetime) -> List[str]:
        texts: List[str] = []
        offered: List[str] = []
        for message in messages:
            flag = shared_phone.flag_in(message)
            if flag:
                self.state.set_flag(inbound.sender, flag["name"], flag["value"], now)
                continue
            text = message.get("text") or message.get("image") or ""
            if message.get("buttons"):
                offered = buttons.payloads(message["buttons"])
                text = f"{text}\n{buttons.numbered_choices(message['buttons'], self.texts)}".strip()
            if text:
                texts.append(text)
        self.state.remember_options(inbound.sender, offered, now)
        return self._pack(texts or channel_messages.load()["safety_net"])

    def _pack(self, texts: Sequence[str]) -> List[str]:
        return pack_messages(list(texts), max_chars=self.config.max_chars, max_messages=self.config.max_messages,
                             overflow_note=self.texts.messages["overflow"])

    async def drain(self) -> None:
        """Wait for replies still being sent (tests, shutdown)."""
        if self._late_turns:
            await asyncio.gather(*self._late_turns, return_exceptions=True)


def _twilio_keyword(inbound: InboundSms) -> Optional[str]:
    """With Advanced Opt-Out, Twilio has answered the keyword itself and tells us which it was."""
    return {"STOP": "stop", "START": "start", "HELP": "help"}.get(inbound.opt_out_type or "")
