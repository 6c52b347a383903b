"""The endpoints a run writes: SQLite by default, Redis for trackers and locks when REDIS_URL is set."""
from bot import runtime_endpoints
from bot.settings import Settings
from tests.ports import free_port


def test_without_redis_conversations_go_to_sqlite_under_var(tmp_path):
    endpoints = runtime_endpoints.render(Settings(5005, 5055, "t", None, tmp_path))
    assert endpoints["tracker_store"] == {"type": runtime_endpoints.SQL_TRACKER_STORE, "dialect": "sqlite",
                                          "db": str(tmp_path / "rasa.db")}
    assert endpoints["lock_store"]["type"] == "in_memory"
    assert runtime_endpoints.unreachable_store(Settings(5005, 5055, "t", None, tmp_path)) is None


def test_an_unreachable_redis_stops_the_start_rather_than_losing_conversations(tmp_path):
    dead = Settings(5005, 5055, "t", f"redis://:secret@127.0.0.1:{free_port()}/3", tmp_path)
    problem = runtime_endpoints.unreachable_store(dead)
    assert problem and "does not answer" in problem
    assert "secret" not in problem, "the password must not be printed"


def test_redis_url_parts_reach_both_stores(tmp_path):
    settings = Settings(5005, 5055, "t", "rediss://bot:pw@cache.internal:6380/2", tmp_path)
    endpoints = runtime_endpoints.render(settings)
    options = {"key_prefix": "herts", "url": "cache.internal", "port": 6380, "db": 2, "username": "bot",
               "password": "pw", "use_ssl": True}
    assert endpoints["tracker_store"] == {"type": runtime_endpoints.REDIS_TRACKER_STORE, **options}
    assert endpoints["lock_store"] == {"type": "redis", **options}
