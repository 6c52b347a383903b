"""Split a message into the sentences a resident wrote, so a danger buried in a long story is scored on its own."""
import re
from typing import List, NamedTuple

# Sentence ends, line breaks, and the turns people use when the story changes mid-message.
_BREAK = re.compile(r"(?<=[.!?])\s+|\n+|\s*;\s*|,?\s+\b(?:but|actually|anyway|also|oh and|and now|separate thing|another thing|on another note)\b\s+", re.IGNORECASE)
_TRIM = " ,."
MIN_WORDS = 3


class Sentence(NamedTuple):
    text: str
    start: int  # character offsets in the message
    end: int


def sentences(text: str) -> List[Sentence]:
    """The parts worth scoring on their own; a part of fewer than MIN_WORDS words joins the one before
    (the part then runs from the start of the first piece to the end of the last, as written)."""
    text = text or ""
    parts: List[Sentence] = []
    position = 0
    for match in list(_BREAK.finditer(text)) + [None]:
        end = match.start() if match else len(text)
        piece = _trimmed(text, position, end)
        position = match.end() if match else len(text)
        if piece is None:
            continue
        if parts and len(piece.text.split()) < MIN_WORDS:
            parts[-1] = Sentence(text[parts[-1].start:piece.end], parts[-1].start, piece.end)
        else:
            parts.append(piece)
    return parts


def _trimmed(text: str, start: int, end: int):
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return Sentence(text[start:end], start, end) if start < end else None
