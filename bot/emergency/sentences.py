"""Split a message into the sentences a resident wrote, so a danger buried in a long story is scored on its own."""
import re
from typing import List

# Sentence ends, line breaks, and the turns people use when the story changes mid-message.
_BREAK = re.compile(r"(?<=[.!?])\s+|\n+|\s*;\s*|,?\s+\b(?:but|actually|anyway|also|oh and|and now)\b\s+", re.IGNORECASE)
MIN_WORDS = 3


def sentences(text: str) -> List[str]:
    """The parts worth scoring on their own; a part of fewer than MIN_WORDS words joins the one before."""
    parts: List[str] = []
    for piece in _BREAK.split(text or ""):
        piece = piece.strip(" ,.")
        if not piece:
            continue
        if parts and len(piece.split()) < MIN_WORDS:
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return parts
