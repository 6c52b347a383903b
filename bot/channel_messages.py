"""The channels' own messages (data/channels/messages.yml), for when the assistant cannot answer."""
from functools import lru_cache
from pathlib import Path
from typing import Dict, List

import yaml

from bot import paths

MESSAGES_FILE = paths.DATA / "channels" / "messages.yml"
REQUIRED = ("safety_net", "unreadable_request")


@lru_cache(maxsize=None)
def load(path: Path = MESSAGES_FILE) -> Dict[str, List[str]]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    for key in REQUIRED:
        texts = data.get(key)
        if not texts or not all(isinstance(t, str) and t.strip() for t in texts):
            raise ValueError(f"{path}: {key!r} must be a list of non-empty texts")
    return data
