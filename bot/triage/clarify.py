"""When the classifier is unsure: the two or three likeliest categories, as options to pick."""
from dataclasses import dataclass
from typing import List

from bot.triage.categories import Taxonomy

MAX_OPTIONS = 3
MIN_CONFIDENCE = 0.05


@dataclass(frozen=True)
class Option:
    title: str
    intent: str

    @property
    def payload(self) -> str:
        return f"/{self.intent}"


def likeliest_options(ranking: List[dict], taxonomy: Taxonomy) -> List[Option]:
    """One option per category, best first, from the intent ranking (best intent per category)."""
    options, seen = [], set()
    for entry in sorted(ranking, key=lambda e: e.get("confidence", 0), reverse=True):
        category = taxonomy.category_of(entry.get("name"))
        if category is None or category.key in seen or entry.get("confidence", 0) < MIN_CONFIDENCE:
            continue
        seen.add(category.key)
        options.append(Option(category.label, entry["name"]))
        if len(options) == MAX_OPTIONS:
            break
    return options
