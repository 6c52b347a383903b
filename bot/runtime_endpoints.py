"""Write the endpoints file a run uses: endpoints.yml with this run's ports, paths and stores."""
from pathlib import Path

import yaml

from bot import paths
from bot.settings import Settings


def render(settings: Settings, template: Path = paths.ROOT / "endpoints.yml") -> dict:
    endpoints = yaml.safe_load(template.read_text(encoding="utf-8"))
    endpoints["action_endpoint"] = {"url": f"http://localhost:{settings.action_port}/webhook"}
    endpoints["tracker_store"] = {"type": "SQL", "dialect": "sqlite", "db": str(settings.var_dir / "rasa.db")}
    return endpoints


def write(settings: Settings) -> Path:
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    out = settings.var_dir / "endpoints.yml"
    out.write_text(yaml.safe_dump(render(settings), sort_keys=False), encoding="utf-8")
    return out
