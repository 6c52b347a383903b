"""Talk to the SMS webhook as Twilio does: form-encoded posts signed with the real `twilio` library,
and a local stand-in for Twilio's REST API that records the texts sent through it."""
import itertools
import json
import threading
import uuid
import xml.etree.ElementTree as ElementTree
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Dict, Iterator, List, Optional
from urllib.parse import parse_qs

import requests
from twilio.request_validator import RequestValidator

AUTH_TOKEN = "test-twilio-auth-token"
ACCOUNT_SID = "AC" + "0" * 32
OUR_NUMBER = "+441707000101"
_sids = itertools.count(1)


def message_sid() -> str:
    return f"SM{uuid.uuid4().hex}"


def twilio_form(sender: str, body: str, **extra: str) -> Dict[str, str]:
    """The fields Twilio posts for an incoming SMS (empty ones included: they are signed too)."""
    sid = extra.pop("MessageSid", None) or message_sid()
    return {"ToCountry": "GB", "ToState": "", "SmsMessageSid": sid, "NumMedia": "0",
            "ToCity": "", "FromZip": "", "SmsSid": "", "FromState": "", "SmsStatus": "received",
            "FromCity": "", "Body": body, "FromCountry": "GB", "To": OUR_NUMBER, "ToZip": "",
            "NumSegments": "1", "MessageSid": sid, "AccountSid": ACCOUNT_SID, "From": sender,
            "ApiVersion": "2010-04-01", **extra}


def sign(url: str, form: Dict[str, str], token: str = AUTH_TOKEN) -> str:
    return RequestValidator(token).compute_signature(url, form)


def post(url: str, form: Dict[str, str], signature: Optional[str] = None, timeout: float = 30) -> requests.Response:
    signature = sign(url, form) if signature is None else signature
    return requests.post(url, data=form, headers={"X-Twilio-Signature": signature}, timeout=timeout)


def messages(reply: requests.Response) -> List[str]:
    """The texts of a TwiML reply, in order."""
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-type"].startswith("application/xml")
    return [m.text or "" for m in ElementTree.fromstring(reply.text).findall("Message")]


class _RecordingApi(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (http.server's name)
        length = int(self.headers.get("Content-Length") or 0)
        fields = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode(), keep_blank_values=True).items()}
        self.server.sent.append({"path": self.path, "auth": self.headers.get("Authorization"), **fields})
        body = json.dumps({"sid": f"SM{next(_sids):032d}", "status": "queued", "to": fields.get("To"),
                           "from": fields.get("From"), "body": fields.get("Body"), "account_sid": ACCOUNT_SID})
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *_):
        pass


@contextmanager
def twilio_api() -> Iterator[ThreadingHTTPServer]:
    """A local server where the `twilio` client's REST calls land (`.sent` holds each message)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _RecordingApi)
    server.sent = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
