"""The held-out triage set (eval/heldout/triage.yml): loaded and checked, never trained on."""
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Tuple

import yaml

from bot import paths
from bot.triage.categories import CONTRACT_CATEGORIES

HELDOUT = paths.ROOT / "eval" / "heldout" / "triage.yml"
# Written independently of the training data and the held-out set; rules and thresholds are tuned on them.
DEV = paths.ROOT / "eval" / "dev"


@dataclass(frozen=True)
class Labelled:
    text: str
    urgency: str
    category: Optional[str]


@dataclass(frozen=True)
class HeldOut:
    messages: Tuple[Labelled, ...]
    conversations: Tuple[Tuple[Labelled, ...], ...]


def load(path: Path = HELDOUT) -> HeldOut:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    messages = tuple(_labelled(m) for m in data["messages"])
    conversations = tuple(tuple(_labelled(t) for t in c["turns"]) for c in data.get("conversations", []))
    return HeldOut(messages, conversations)


def load_dev(folder: Path = DEV) -> HeldOut:
    sets = [load(path) for path in sorted(folder.glob("*.yml"))]
    return HeldOut(sum((s.messages for s in sets), ()), sum((s.conversations for s in sets), ()))


def _labelled(item: dict) -> Labelled:
    urgency, category = item["urgency"], item.get("category")
    if urgency not in ("emergency", "non_emergency"):
        raise ValueError(f"bad urgency {urgency!r} for {item['text']!r}")
    if category is not None and category not in CONTRACT_CATEGORIES:
        raise ValueError(f"bad category {category!r} for {item['text']!r}")
    return Labelled(str(item["text"]), urgency, category)


def training_texts(nlu_dir: Path = paths.DATA / "nlu") -> List[str]:
    from rasa.shared.nlu.training_data.loading import load_data

    return [example.get("text") for example in load_data(str(nlu_dir)).intent_examples]
