"""Run-time settings from the environment or a `.env` file, with safe local defaults."""
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Mapping, Optional, Tuple

from dotenv import dotenv_values

from bot import paths

DEMO_PAGE_ORIGIN = "http://localhost:8080"


@dataclass(frozen=True)
class Settings:
    rasa_port: int
    action_port: int
    api_token: str
    redis_url: Optional[str]
    var_dir: Path
    cors_origins: Tuple[str, ...] = (DEMO_PAGE_ORIGIN,)
    webchat_port: int = 8080


def merged_environment(environ: Mapping[str, str] = os.environ, root: Path = paths.ROOT) -> Dict[str, str]:
    """The process environment over `.env`."""
    return {**dotenv_values(root / ".env"), **environ}


def load(environ: Mapping[str, str] = os.environ, root: Path = paths.ROOT) -> Settings:
    env = merged_environment(environ, root)
    var_dir = var_directory(env, root)
    return Settings(
        rasa_port=int(env.get("RASA_PORT") or 5005),
        action_port=int(env.get("ACTION_PORT") or 5055),
        api_token=env.get("RASA_API_TOKEN") or _local_token(var_dir),
        redis_url=env.get("REDIS_URL") or None,
        var_dir=var_dir,
        cors_origins=cors_origins(env),
        webchat_port=int(env.get("WEBCHAT_PORT") or 8080),
    )


def var_directory(env: Mapping[str, str], root: Path = paths.ROOT) -> Path:
    """Where runtime data lives (conversations, referrals, SMS state): never committed."""
    return Path(env.get("HERTS_VAR_DIR") or root / "var")


def cors_origins(env: Mapping[str, str]) -> Tuple[str, ...]:
    """The web origins allowed to talk to Rasa (HTTP API and the webchat's socket.io)."""
    return tuple((env.get("CORS_ORIGINS") or DEMO_PAGE_ORIGIN).split())


def _local_token(var_dir: Path) -> str:
    """No token configured: make one for this machine, kept under var/ (never committed)."""
    path = var_dir / "api_token"
    if path.exists():
        return path.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(24)
    path.write_text(token)
    path.chmod(0o600)
    return token
