"""The confirmation text: through the real twilio client to a local stand-in for Twilio's API, only
to mobiles that have not opted out or said texting is unsafe, and with nothing sensitive in it."""
import asyncio
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot.appointments.confirmation import confirmation_text, send_confirmation
from bot.appointments.model import Booking, BookingDraft
from bot.sms.config import SmsConfig
from bot.sms.outbound import OutboundSms
from bot.sms.state import MemorySmsState
from tests.twilio_client import ACCOUNT_SID, AUTH_TOKEN, OUR_NUMBER, twilio_api

MOBILE = "+447911123456"  # a valid UK mobile format (Ofcom's 07700 900 drama range is not "mobile")


def booking(contact=MOBILE, kind="phone"):
    draft = BookingDraft(reason="my ex keeps threatening me", name="Sam Resident", contact_kind=kind, contact=contact,
                         channel="socketio", conversation_id="c1")
    return Booking("APT-26-000042", "hitchin", datetime(2026, 11, 26, 14, 0, tzinfo=timezone.utc), 60, "booked",
                   datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc), draft)


@pytest.fixture
def api():
    with twilio_api() as server:
        yield server


@pytest.fixture
def outbound(api):
    return OutboundSms(SmsConfig(auth_token=AUTH_TOKEN, account_sid=ACCOUNT_SID, public_base_url=None,
                                 api_base_url=f"http://127.0.0.1:{api.server_port}", redis_url=None,
                                 var_dir=Path("/nonexistent")))


def send(outbound, state, the_booking):
    return asyncio.run(send_confirmation(outbound, state, the_booking, "Hitchin Police Station", OUR_NUMBER))


def test_a_mobile_gets_one_text_with_when_where_and_the_reference_but_nothing_sensitive(outbound, api):
    assert send(outbound, MemorySmsState(), booking())
    [sent] = api.sent
    assert (sent["To"], sent["From"]) == (MOBILE, OUR_NUMBER)
    assert "Thursday 26 November at 2:00pm" in sent["Body"] and "Hitchin Police Station" in sent["Body"]
    assert "APT-26-000042" in sent["Body"]
    assert "ex" not in sent["Body"].lower().split() and "Sam" not in sent["Body"]


def test_no_text_to_a_landline_an_email_an_opted_out_or_an_unsafe_number(outbound, api):
    state = MemorySmsState()
    assert not send(outbound, state, booking(contact="+441462000000"))
    assert not send(outbound, state, booking(contact="sam@example.org", kind="email"))
    state.opt_out(MOBILE, datetime.now(timezone.utc))
    assert not send(outbound, state, booking())
    other = "+447911123457"
    state.set_flag(other, "unsafe_to_text", True, datetime.now(timezone.utc))
    assert not send(outbound, state, booking(contact=other))
    assert api.sent == []


def test_the_time_is_uk_time_in_summer():
    summer = booking()
    summer = Booking(summer.reference, summer.diary, datetime(2026, 7, 2, 13, 0, tzinfo=timezone.utc), 60, "booked",
                     summer.created_at, summer.draft)
    assert "Thursday 2 July at 2:00pm" in confirmation_text(summer, "Hitchin Police Station")
