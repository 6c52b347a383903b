"""Load data/emergency/patterns.yml and turn it into span_ruler patterns.

Span labels: `danger.<kind>.<when>` for danger phrases, and `now`, `weak_now`, `over`, `recent`, `present`, `past`,
`hypothetical`, `negation` for the markers that decide whether a danger is happening now.
"""
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

from bot.emergency.assess import Assessment, Part, Span, assess_parts
from bot.emergency.sentences import sentences
from bot.nlp.phrases import Tokenize, compile_phrase

SPANS_KEY = "emergency"
MARKERS = ("now", "weak_now", "over", "recent", "present", "past", "hypothetical", "negation")
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


def doc_assessment(doc, characters: Optional[Tuple[int, int]] = None) -> Assessment:
    """The rule layer's verdict on a parsed doc (or the part between two character offsets), each of
    its sentences also judged on its own."""
    start, end = characters or (0, len(doc.text))
    spans = [Span(s.label_, s.start, s.end, s.text) for s in doc.spans.get(SPANS_KEY, [])
             if s.start_char >= start and s.end_char <= end]
    parts = []
    for sentence in sentences(doc.text):
        tokens = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if tokens is not None and sentence.start >= start and sentence.end <= end:
            parts.append(Part(tokens.start, tokens.end, doc.text[sentence.end:sentence.end + 1] == "?" or sentence.text.endswith("?")))
    return assess_parts(spans, parts)
