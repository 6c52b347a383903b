"""Where referrals are kept: the interface every store offers, and an in-memory one for tests."""
import abc
import dataclasses
import threading
from datetime import datetime
from typing import Dict, List, Optional

from bot.referrals.model import Referral, ReferralDraft, reference_for
from bot.sql import as_utc


class ReferralStore(abc.ABC):
    @abc.abstractmethod
    def add(self, draft: ReferralDraft, now: datetime) -> Referral:
        """Keep the draft as a new referral created at `now`, with a reference never used before."""

    @abc.abstractmethod
    def get(self, reference: str) -> Optional[Referral]:
        ...

    @abc.abstractmethod
    def mark_notified(self, reference: str, when: datetime) -> bool:
        """Record that the team was told; False if the referral is gone (erased meanwhile)."""

    @abc.abstractmethod
    def list_for_team(self, team: str, since: Optional[datetime] = None) -> List[Referral]:
        """The team's referrals created at or after `since`, oldest first."""

    @abc.abstractmethod
    def delete_for_conversation(self, conversation_id: str) -> int:
        """Erase everything a conversation referred; returns how many referrals were deleted."""

    @abc.abstractmethod
    def delete_older_than(self, cutoff: datetime) -> int:
        """Retention: delete referrals created before `cutoff`; returns how many."""


class InMemoryReferralStore(ReferralStore):
    def __init__(self):
        self._referrals: Dict[str, Referral] = {}
        self._last_id = 0
        self._lock = threading.Lock()

    def add(self, draft: ReferralDraft, now: datetime) -> Referral:
        created_at = as_utc(now)
        with self._lock:
            self._last_id += 1
            referral = Referral.from_draft(reference_for(self._last_id, created_at), created_at, draft)
            self._referrals[referral.reference] = referral
        return referral

    def get(self, reference: str) -> Optional[Referral]:
        return self._referrals.get(reference)

    def mark_notified(self, reference: str, when: datetime) -> bool:
        with self._lock:
            referral = self._referrals.get(reference)
            if referral is None:
                return False
            self._referrals[reference] = dataclasses.replace(referral, notified_at=as_utc(when))
            return True

    def list_for_team(self, team: str, since: Optional[datetime] = None) -> List[Referral]:
        with self._lock:
            found = [r for r in self._referrals.values() if r.team == team]
        if since is not None:
            found = [r for r in found if r.created_at >= as_utc(since)]
        return sorted(found, key=lambda r: r.created_at)

    def delete_for_conversation(self, conversation_id: str) -> int:
        return self._delete_where(lambda r: r.conversation_id == conversation_id)

    def delete_older_than(self, cutoff: datetime) -> int:
        cutoff = as_utc(cutoff)
        return self._delete_where(lambda r: r.created_at < cutoff)

    def _delete_where(self, matches) -> int:
        with self._lock:
            doomed = [ref for ref, referral in self._referrals.items() if matches(referral)]
            for reference in doomed:
                del self._referrals[reference]
        return len(doomed)
