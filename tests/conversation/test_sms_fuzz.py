"""Property-based fuzzing of the SMS webhook's form fields against the real servers: any unicode,
missing fields, huge bodies, odd media counts and opt-out types never yield a server error, and a
signed message with a sender always gets well-formed TwiML."""
import xml.etree.ElementTree as ElementTree

import requests
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.twilio_client import post, sign

# Any character a form can carry (UTF-8 cannot encode lone surrogates).
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
HUGE = st.builds(lambda piece, times: piece * times, st.text(min_size=1, max_size=8), st.integers(1000, 8000))
FIELDS = st.fixed_dictionaries({}, optional={
    "From": st.one_of(ANY_TEXT, st.from_regex(r"\A(whatsapp:)?\+447700[0-9]{6}\Z")),
    "Body": st.one_of(ANY_TEXT, HUGE),
    "MessageSid": st.one_of(ANY_TEXT, st.from_regex(r"\ASM[0-9a-f]{32}\Z")),
    "To": ANY_TEXT,
    "NumMedia": st.one_of(ANY_TEXT, st.integers(-5, 20).map(str)),
    "OptOutType": st.one_of(ANY_TEXT, st.sampled_from(["STOP", "START", "HELP", "stop"])),
    "MediaUrl0": ANY_TEXT,
})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(form=FIELDS, extra=st.dictionaries(ANY_TEXT.filter(bool), ANY_TEXT, max_size=3), signed=st.booleans())
def test_any_form_never_yields_a_server_error(stack, form, extra, signed):
    webhook = f"{stack.url}/webhooks/twilio/webhook"
    fields = {**extra, **form}
    reply = post(webhook, fields, signature=sign(webhook, fields) if signed else "forged", timeout=60)
    assert reply.status_code < 500, reply.text
    if not signed:
        assert reply.status_code == 403
    elif fields.get("From", "").strip() and fields.get("MessageSid", "").strip():
        assert reply.status_code == 200
        ElementTree.fromstring(reply.text)


def test_a_body_that_is_not_a_form_is_refused(stack):
    webhook = f"{stack.url}/webhooks/twilio/webhook"
    for body, content_type in [(b"\xff\xfe\x00binary", "application/x-www-form-urlencoded"),
                               (b'{"From": "+447700900123"}', "application/json"), (b"", "text/plain")]:
        reply = requests.post(webhook, data=body, headers={"Content-Type": content_type, "X-Twilio-Signature": "x"},
                              timeout=10)
        assert reply.status_code == 403
