"""Answers kept for a number until it texts again: a late answer in a conversation a shared phone
could give away is never texted out of the blue. Kept in the state's reply storage under a key of
its own per number, so it expires with delivered replies and `forget` erases it."""
import json
from datetime import datetime
from typing import List, Sequence

from bot.sms.state import SmsState, number_key


class HeldReplies:
    def __init__(self, state: SmsState) -> None:
        self.state = state

    def hold(self, number: str, texts: Sequence[str], now: datetime) -> None:
        held = self._read(number, now) + list(texts)
        self.state.save_reply(self._key(number), number, json.dumps(held), now)

    def take(self, number: str, now: datetime) -> List[str]:
        held = self._read(number, now)
        if held:
            self.state.save_reply(self._key(number), number, "[]", now)
        return held

    def _read(self, number: str, now: datetime) -> List[str]:
        return json.loads(self.state.reply(self._key(number), now) or "[]")

    @staticmethod
    def _key(number: str) -> str:
        return f"held:{number_key(number)}"
