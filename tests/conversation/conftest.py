import uuid

import pytest
import yaml

from bot import paths
from tests.conversation.servers import MODEL, Stack
from tests.browser import neutral_site
from tests.smtp_server import smtp_server
from tests.twilio_client import ACCOUNT_SID, AUTH_TOKEN, OUR_NUMBER, twilio_api


@pytest.fixture(scope="session")
def mailbox():
    """A real local SMTP server the action server sends team notifications to."""
    with smtp_server() as (handler, port):
        yield handler, port


@pytest.fixture(scope="session")
def twilio_rest():
    """Where the SMS channel's REST API calls land instead of Twilio's cloud."""
    with twilio_api() as server:
        yield server


@pytest.fixture(scope="session")
def exit_url():
    """Where the web page's quick exit goes: a neutral page served locally (no internet here)."""
    with neutral_site() as url:
        yield url


@pytest.fixture(scope="session")
def stack(tmp_path_factory, mailbox, twilio_rest, exit_url):
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train` first (make test does)")
    env = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(mailbox[1]), "SMTP_FROM": "assistant@herts-police.invalid",
           "TWILIO_AUTH_TOKEN": AUTH_TOKEN, "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
           "TWILIO_API_BASE_URL": f"http://127.0.0.1:{twilio_rest.server_port}", "TWILIO_FROM_NUMBER": OUR_NUMBER,
           "WEBCHAT_EXIT_URL": exit_url}
    with Stack(tmp_path_factory.mktemp("var"), extra_env=env).running() as servers:
        yield servers


@pytest.fixture(scope="session")
def responses():
    domain = yaml.safe_load((paths.ROOT / "domain.yml").read_text())
    return {name: variants[0]["text"] for name, variants in domain["responses"].items()}


@pytest.fixture
def sender():
    return f"test-{uuid.uuid4().hex[:12]}"
