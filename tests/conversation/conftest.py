import uuid

import pytest
import yaml

from bot import paths
from tests.conversation.servers import MODEL, Stack
from tests.smtp_server import smtp_server


@pytest.fixture(scope="session")
def mailbox():
    """A real local SMTP server the action server sends team notifications to."""
    with smtp_server() as (handler, port):
        yield handler, port


@pytest.fixture(scope="session")
def stack(tmp_path_factory, mailbox):
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train` first (make test does)")
    smtp = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(mailbox[1]), "SMTP_FROM": "assistant@herts-police.invalid"}
    with Stack(tmp_path_factory.mktemp("var"), extra_env=smtp).running() as servers:
        yield servers


@pytest.fixture(scope="session")
def responses():
    domain = yaml.safe_load((paths.ROOT / "domain.yml").read_text())
    return {name: variants[0]["text"] for name, variants in domain["responses"].items()}


@pytest.fixture
def sender():
    return f"test-{uuid.uuid4().hex[:12]}"
