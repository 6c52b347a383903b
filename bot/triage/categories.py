"""The triage taxonomy (data/triage/categories.yml): intents, contract categories, outcomes."""
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Optional, Tuple

import yaml

from bot import paths

CONTRACT_CATEGORIES = (
    "antisocial_behaviour", "drugs", "road_safety", "road_collision", "theft", "burglary",
    "criminal_damage", "assault", "fraud", "domestic_abuse", "hate_crime", "harassment",
    "suspicious_activity", "safeguarding_concern", "lost_or_found_property", "council_matter",
    "crime_report_update", "appointment", "local_team", "general_enquiry",
)


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    outcome: str
    intents: Tuple[str, ...]


@dataclass(frozen=True)
class Taxonomy:
    categories: Dict[str, Category]
    conversation_intents: Tuple[str, ...]

    def category_of(self, intent: Optional[str]) -> Optional[Category]:
        return next((c for c in self.categories.values() if intent in c.intents), None)

    @property
    def category_intents(self) -> Tuple[str, ...]:
        return tuple(i for c in self.categories.values() for i in c.intents)


class TaxonomyError(ValueError):
    """categories.yml breaks the contract."""


@lru_cache(maxsize=None)
def load(path: Path = paths.CATEGORIES) -> Taxonomy:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    categories = {key: Category(key, spec["label"], spec["outcome"], tuple(spec["intents"]))
                  for key, spec in data["categories"].items()}
    taxonomy = Taxonomy(categories, tuple(data["conversation_intents"]))
    _validate(taxonomy, path)
    return taxonomy


def _validate(taxonomy: Taxonomy, path: Path) -> None:
    if tuple(taxonomy.categories) != CONTRACT_CATEGORIES:
        raise TaxonomyError(f"{path}: categories must be exactly the contract's 20, in order")
    intents = taxonomy.category_intents + taxonomy.conversation_intents
    repeated = {i for i in intents if intents.count(i) > 1}
    if repeated:
        raise TaxonomyError(f"{path}: intents listed twice: {sorted(repeated)}")
