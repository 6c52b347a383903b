"""Team emails through a real local SMTP server (aiosmtpd on a free port), and what happens without one."""
import asyncio
import dataclasses
import email
import logging
import socket
import time
from datetime import datetime, timezone
from email import policy
from typing import List

import pytest
from aiosmtpd.smtp import AuthResult, Envelope

from bot.referrals.model import Referral, ReferralDraft
from bot.referrals.notify import SmtpSettings, load_template, notify_team, smtp_settings_from_env
from tests.ports import free_port
from tests.smtp_server import smtp_server

INBOX = "snt.cheshunt-east@herts-police.example"
SUMMARY = "Motorbikes racing on Grundy Park field every night after 10pm."
PHONE = "07700 900123"
CONVERSATION = "conversation-7f3a"


def referral(**changes) -> Referral:
    draft = ReferralDraft(category="antisocial_behaviour", place="Cheshunt", district="broxbourne",
                          team="cheshunt_east", summary=SUMMARY, contact_preference="phone",
                          contact_detail=PHONE, channel="web", conversation_id=CONVERSATION)
    made = Referral.from_draft("HRT-26-000123", datetime(2026, 7, 1, 9, 30, tzinfo=timezone.utc), draft)
    return dataclasses.replace(made, **changes)


def received(envelope: Envelope) -> email.message.EmailMessage:
    return email.message_from_bytes(envelope.content, policy=policy.default)


def personal_data_in(caplog) -> List[str]:
    text = "\n".join(record.getMessage() for record in caplog.records)
    return [secret for secret in (SUMMARY, "Grundy", PHONE, CONVERSATION) if secret in text]


def test_the_team_inbox_receives_the_referral():
    with smtp_server() as (handler, port):
        sent = asyncio.run(notify_team(referral(), INBOX, SmtpSettings(host="127.0.0.1", port=port)))
    assert sent is True and len(handler.envelopes) == 1
    assert handler.envelopes[0].rcpt_tos == [INBOX]
    message = received(handler.envelopes[0])
    assert message["To"] == INBOX and message["From"] == "herts-assistant@localhost"
    assert "HRT-26-000123" in message["Subject"] and "antisocial_behaviour" in message["Subject"]
    body = message.get_content()
    assert all(part in body for part in (SUMMARY, "Cheshunt", "phone", PHONE, "01 July 2026 at 10:30"))


def test_the_subject_carries_no_personal_data():
    with smtp_server() as (handler, port):
        asyncio.run(notify_team(referral(), INBOX, SmtpSettings(host="127.0.0.1", port=port)))
    subject = received(handler.envelopes[0])["Subject"]
    assert not any(secret in subject for secret in (SUMMARY, "Cheshunt", PHONE, CONVERSATION))


def test_an_anonymous_referral_says_there_is_no_contact_detail():
    with smtp_server() as (handler, port):
        asyncio.run(notify_team(referral(contact_preference="anonymous", contact_detail=None), INBOX,
                                SmtpSettings(host="127.0.0.1", port=port)))
    body = received(handler.envelopes[0]).get_content()
    assert load_template().no_contact_detail in body and "None" not in body


def test_credentials_are_used_when_configured():
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"s3cret", handled=False)

    with smtp_server(authenticator=authenticator, auth_require_tls=False) as (handler, port):
        settings = SmtpSettings(host="127.0.0.1", port=port, username="bot", password="s3cret")
        assert asyncio.run(notify_team(referral(), INBOX, settings)) is True
        wrong = SmtpSettings(host="127.0.0.1", port=port, username="bot", password="wrong")
        assert asyncio.run(notify_team(referral(), INBOX, wrong)) is False
    # smtplib tries each mechanism the server offers before giving up.
    assert logins[0] == (b"bot", b"s3cret") and set(logins[1:]) == {(b"bot", b"wrong")}
    assert len(handler.envelopes) == 1


def test_an_unreachable_server_returns_false_and_logs_nothing_personal(caplog):
    caplog.set_level(logging.DEBUG)
    sent = asyncio.run(notify_team(referral(), INBOX, SmtpSettings(host="127.0.0.1", port=free_port())))
    assert sent is False
    assert "HRT-26-000123" in caplog.text and "ConnectionRefusedError" in caplog.text
    assert personal_data_in(caplog) == []


def test_a_server_that_never_answers_times_out_and_returns_false(caplog):
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        settings = SmtpSettings(host="127.0.0.1", port=silent.getsockname()[1], timeout=0.5)
        started = time.monotonic()
        assert asyncio.run(notify_team(referral(), INBOX, settings)) is False
    assert time.monotonic() - started < 5
    assert personal_data_in(caplog) == []


def test_settings_come_from_the_environment():
    assert smtp_settings_from_env({}) is None
    assert smtp_settings_from_env({"SMTP_HOST": "mail.local"}) == SmtpSettings(host="mail.local")
    settings = smtp_settings_from_env({"SMTP_HOST": "mail.local", "SMTP_PORT": "587", "SMTP_FROM": "bot@herts.test",
                                       "SMTP_USERNAME": "bot", "SMTP_PASSWORD": "s3cret", "SMTP_STARTTLS": "True"})
    assert settings == SmtpSettings(host="mail.local", port=587, sender="bot@herts.test", username="bot",
                                    password="s3cret", starttls=True, timeout=10.0)
    assert "s3cret" not in repr(settings)
    assert smtp_settings_from_env({"SMTP_HOST": "mail.local", "SMTP_STARTTLS": "0"}).starttls is False


@pytest.mark.parametrize("subject", ["About {summary}", "Call {contact_detail}", "{summary.__class__}"])
def test_a_template_cannot_put_personal_data_in_the_subject(tmp_path, subject):
    path = tmp_path / "notification.yml"
    path.write_text(f"subject: '{subject}'\nbody: '{{summary}}'\nno_contact_detail: none\n")
    with pytest.raises(ValueError, match="subject"):
        load_template(path)
