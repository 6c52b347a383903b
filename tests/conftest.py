import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")

import pytest  # noqa: E402 (after the environment is set for the imports that read it)

from tests.ports import free_port  # noqa: E402
from tests.redis_server import redis_server  # noqa: E402


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A real, throw-away redis-server for the tests of one module."""
    with redis_server(tmp_path_factory.mktemp("redis"), free_port()) as url:
        yield url
