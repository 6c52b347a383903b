"""Making referrals: keep the referral first, then tell the team. Logs carry no personal data."""
import asyncio
import dataclasses
import logging
from datetime import datetime, timezone
from typing import Optional

from bot.privacy import redact_id
from bot.referrals.model import Referral, ReferralDraft
from bot.referrals.notify import SmtpSettings, notify_team
from bot.referrals.store import ReferralStore

logger = logging.getLogger(__name__)


def create_referral(store: ReferralStore, draft: ReferralDraft, now: Optional[datetime] = None) -> Referral:
    referral = store.add(draft, now or datetime.now(timezone.utc))
    logger.info("referral %s created for team %s (%s), conversation %s", referral.reference, referral.team,
                referral.category, redact_id(referral.conversation_id))
    return referral


async def create_and_notify(store: ReferralStore, draft: ReferralDraft, inbox: Optional[str],
                            smtp_settings: Optional[SmtpSettings], now: Optional[datetime] = None) -> Referral:
    """The referral is kept even when the email fails; `notified_at` says whether the team was told."""
    # Store calls can wait on a database lock: keep them off the event loop like the email.
    referral = await asyncio.to_thread(create_referral, store, draft, now)
    if smtp_settings is None or not inbox:
        logger.info("referral %s: team %s not emailed (%s)", referral.reference, referral.team,
                    "email is off" if smtp_settings is None else "no inbox known")
        return referral
    if not await notify_team(referral, inbox, smtp_settings):
        return referral
    return await asyncio.to_thread(_record_notified, store, referral)


def _record_notified(store: ReferralStore, referral: Referral) -> Referral:
    notified_at = datetime.now(timezone.utc)
    try:
        recorded = store.mark_notified(referral.reference, notified_at)
    except Exception as error:
        # The referral exists and the team has it; a missing flag must not turn that into a failure.
        logger.warning("referral %s: team emailed but not recorded (%s)", referral.reference,
                       type(error).__name__)
        return referral
    return dataclasses.replace(referral, notified_at=notified_at) if recorded else referral
