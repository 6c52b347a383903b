"""Write the endpoints file a run uses: endpoints.yml with this run's ports, paths and stores."""
from pathlib import Path
from typing import Dict, Optional

import redis
import yaml
from redis.connection import SSLConnection, parse_url

from bot import paths
from bot.settings import Settings

# Rasa's own stores, with the current session kept apart from the history (bot/conversations/stores.py).
REDIS_TRACKER_STORE = "bot.conversations.stores.SessionRedisTrackerStore"
SQL_TRACKER_STORE = "bot.conversations.stores.IndexedSQLTrackerStore"


def render(settings: Settings, template: Path = paths.ROOT / "endpoints.yml") -> dict:
    endpoints = yaml.safe_load(template.read_text(encoding="utf-8"))
    endpoints["action_endpoint"] = {"url": f"http://localhost:{settings.action_port}/webhook"}
    if settings.redis_url:
        redis = redis_options(settings.redis_url)
        endpoints["tracker_store"] = {"type": REDIS_TRACKER_STORE, "key_prefix": "herts", **redis}
        endpoints["lock_store"] = {"type": "redis", "key_prefix": "herts", **redis}
    else:
        endpoints["tracker_store"] = {"type": SQL_TRACKER_STORE, "dialect": "sqlite", "db": str(settings.var_dir / "rasa.db")}
    return endpoints


def redis_options(url: str) -> Dict[str, object]:
    """Rasa's Redis stores take the host as `url` plus port/db/...: split the URL with redis-py's own parser."""
    parsed = parse_url(url)
    options = {"url": parsed.get("host", "localhost"), "port": parsed.get("port", 6379), "db": parsed.get("db", 0)}
    options.update({key: parsed[key] for key in ("username", "password") if parsed.get(key)})
    if parsed.get("connection_class") is SSLConnection:
        options["use_ssl"] = True
    return options


def unreachable_store(settings: Settings) -> Optional[str]:
    """Rasa falls back to an in-memory tracker store when Redis fails, and conversations vanish
    without an error: refuse to start instead."""
    if not settings.redis_url:
        return None
    try:
        redis.Redis.from_url(settings.redis_url, socket_timeout=3, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        return f"REDIS_URL is set but Redis at {redacted(settings.redis_url)} does not answer ({type(error).__name__})."
    return None


def redacted(url: str) -> str:
    options = parse_url(url)
    return f"{options.get('host', 'localhost')}:{options.get('port', 6379)}/{options.get('db', 0)}"


def write(settings: Settings) -> Path:
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    out = settings.var_dir / "endpoints.yml"
    out.write_text(yaml.safe_dump(render(settings), sort_keys=False), encoding="utf-8")
    out.chmod(0o600)
    return out
