"""The referral services over the in-memory store, and once end to end over SQLite and a real SMTP server."""
import asyncio
import logging
from datetime import datetime, timezone

import pytest

from bot.privacy import redact_id
from bot.referrals import service
from bot.referrals.model import ReferralDraft
from bot.referrals.notify import SmtpSettings
from bot.referrals.service import create_and_notify, create_referral
from bot.referrals.sql_store import SqlReferralStore
from bot.referrals.store import InMemoryReferralStore
from tests.smtp_server import smtp_server

NOW = datetime(2026, 3, 1, 10, 0, tzinfo=timezone.utc)
INBOX = "snt.cheshunt-east@herts-police.example"
SETTINGS = SmtpSettings(host="mail.test")
SUMMARY = "The man at number 4 is dealing from his van."
CONTACT = "resident@example.test"
CONVERSATION = "conversation-9b1c"


def draft() -> ReferralDraft:
    return ReferralDraft(category="drugs", place="Hoddesdon", district="broxbourne", team="hoddesdon",
                         summary=SUMMARY, contact_preference="email", contact_detail=CONTACT, channel="web",
                         conversation_id=CONVERSATION)


class FakeNotifier:
    def __init__(self, succeeds: bool = True):
        self.succeeds, self.calls = succeeds, []

    async def __call__(self, referral, inbox, smtp_settings):
        self.calls.append((referral.reference, inbox, smtp_settings))
        return self.succeeds


class StoreThatCannotMarkNotified(InMemoryReferralStore):
    def mark_notified(self, reference, when):
        raise RuntimeError(f"database gone while marking {reference}")


@pytest.fixture
def notifier(monkeypatch):
    fake = FakeNotifier()
    monkeypatch.setattr(service, "notify_team", fake)
    return fake


def logged_personal_data(caplog):
    text = "\n".join(record.getMessage() for record in caplog.records)
    return [secret for secret in (SUMMARY, CONTACT, CONVERSATION, "Hoddesdon") if secret in text]


def test_create_referral_keeps_it_and_logs_only_reference_team_and_category(caplog):
    caplog.set_level(logging.INFO)
    store = InMemoryReferralStore()
    referral = create_referral(store, draft(), NOW)
    assert store.get(referral.reference) == referral and referral.created_at == NOW
    assert all(part in caplog.text for part in (referral.reference, "hoddesdon", "drugs", redact_id(CONVERSATION)))
    assert logged_personal_data(caplog) == []


def test_without_a_time_the_referral_is_stamped_now_in_utc():
    before = datetime.now(timezone.utc)
    referral = create_referral(InMemoryReferralStore(), draft())
    assert before <= referral.created_at <= datetime.now(timezone.utc)
    assert referral.created_at.utcoffset().total_seconds() == 0


def test_a_notified_referral_is_marked_in_the_store(notifier):
    store = InMemoryReferralStore()
    referral = asyncio.run(create_and_notify(store, draft(), INBOX, SETTINGS, NOW))
    assert notifier.calls == [(referral.reference, INBOX, SETTINGS)]
    assert referral.notified_at is not None and store.get(referral.reference) == referral


def test_a_failed_email_still_keeps_the_referral_unmarked(notifier):
    notifier.succeeds = False
    store = InMemoryReferralStore()
    referral = asyncio.run(create_and_notify(store, draft(), INBOX, SETTINGS, NOW))
    assert referral.notified_at is None and store.get(referral.reference) == referral


@pytest.mark.parametrize("inbox, settings", [(INBOX, None), (None, SETTINGS), ("", SETTINGS)])
def test_no_email_is_attempted_without_settings_or_an_inbox(notifier, inbox, settings):
    store = InMemoryReferralStore()
    referral = asyncio.run(create_and_notify(store, draft(), inbox, settings, NOW))
    assert notifier.calls == [] and store.get(referral.reference).notified_at is None


def test_failing_to_record_the_notification_is_logged_not_raised(notifier, caplog):
    store = StoreThatCannotMarkNotified()
    referral = asyncio.run(create_and_notify(store, draft(), INBOX, SETTINGS, NOW))
    assert store.get(referral.reference) == referral and referral.notified_at is None
    assert "RuntimeError" in caplog.text and logged_personal_data(caplog) == []


def test_end_to_end_over_sqlite_and_a_real_smtp_server(tmp_path, caplog):
    caplog.set_level(logging.DEBUG, logger="bot")
    store = SqlReferralStore(f"sqlite:///{tmp_path / 'referrals.db'}")
    with smtp_server() as (handler, port):
        referral = asyncio.run(create_and_notify(store, draft(), INBOX, SmtpSettings(host="127.0.0.1", port=port)))
    store.close()
    reopened = SqlReferralStore(f"sqlite:///{tmp_path / 'referrals.db'}")
    assert referral.notified_at is not None
    assert reopened.get(referral.reference).notified_at == referral.notified_at
    assert handler.envelopes[0].rcpt_tos == [INBOX] and referral.reference.encode() in handler.envelopes[0].content
    assert logged_personal_data(caplog) == []
    reopened.close()
