import uuid

import pytest
import yaml

from bot import paths
from tests.conversation.servers import MODEL, Stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train` first (make test does)")
    with Stack(tmp_path_factory.mktemp("var")).running() as servers:
        yield servers


@pytest.fixture(scope="session")
def responses():
    domain = yaml.safe_load((paths.ROOT / "domain.yml").read_text())
    return {name: variants[0]["text"] for name, variants in domain["responses"].items()}


@pytest.fixture
def sender():
    return f"test-{uuid.uuid4().hex[:12]}"
