"""Load data/emergency/patterns.yml and turn it into span_ruler patterns.

Span labels: `danger.<kind>.<when>` for danger phrases, and `now`, `over`, `hypothetical`,
`negation` for the markers that decide whether a danger is happening now.
"""
from pathlib import Path
from typing import Dict, List

import yaml

from bot.nlp.phrases import Tokenize, compile_phrase

SPANS_KEY = "emergency"
MARKERS = ("now", "weak_now", "over", "hypothetical", "negation")
WHENS = ("always", "unless_over", "if_now")


class PatternFileError(ValueError):
    """The patterns file does not have the expected shape."""


def load_pattern_file(path: Path) -> dict:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    for key in ("words", "danger", *MARKERS):
        if key not in data:
            raise PatternFileError(f"{path}: missing section {key!r}")
    for kind, by_when in data["danger"].items():
        unknown = set(by_when) - set(WHENS)
        if unknown:
            raise PatternFileError(f"{path}: danger.{kind} has unknown keys {sorted(unknown)}")
    return data


def span_ruler_patterns(data: dict, tokenize: Tokenize) -> List[Dict]:
    words = data["words"]
    patterns = []
    for kind, by_when in data["danger"].items():
        for when, phrases in by_when.items():
            label = f"danger.{kind}.{when}"
            for phrase in phrases:
                patterns += _patterns(label, phrase, words, tokenize)
    for marker in MARKERS:
        for phrase in data[marker]:
            patterns += _patterns(marker, phrase, words, tokenize)
    return patterns


def _patterns(label: str, phrase: str, words: dict, tokenize: Tokenize) -> List[Dict]:
    return [{"label": label, "pattern": pattern, "id": str(phrase)}
            for pattern in compile_phrase(str(phrase), words, tokenize)]
