"""A real, throw-away SMTP server (aiosmtpd) on a free port for tests; it keeps what it receives."""
from contextlib import contextmanager
from typing import Iterator, List, Tuple

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope
from tests.ports import free_port


class RecordingHandler:
    def __init__(self):
        self.envelopes: List[Envelope] = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"



@contextmanager
def smtp_server(**smtp_options) -> Iterator[Tuple[RecordingHandler, int]]:
    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), **smtp_options)
    controller.start()
    try:
        yield handler, controller.port
    finally:
        controller.stop()
