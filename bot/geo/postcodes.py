"""UK postcodes: parse and normalise full postcodes and outward codes, in any case and spacing."""
import re
from dataclasses import dataclass
from typing import Optional

# The format of the UK's published postcode rules (outward: area letters, district digits, an
# optional letter or digit; inward: a digit and two letters).
_OUTWARD = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
_INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
FULL = re.compile(rf"^({_OUTWARD})\s*({_INWARD})$")
OUTWARD = re.compile(rf"^{_OUTWARD}$")
IN_TEXT = re.compile(rf"(?<![A-Za-z0-9])({_OUTWARD})(?:\s*({_INWARD}))?(?![A-Za-z0-9])", re.IGNORECASE)


@dataclass(frozen=True)
class Postcode:
    outward: str
    inward: Optional[str] = None

    def __str__(self) -> str:
        return f"{self.outward} {self.inward}" if self.inward else self.outward

    @property
    def area(self) -> str:
        return re.match(r"[A-Z]+", self.outward).group()


def parse(text: str) -> Optional[Postcode]:
    """A full postcode or an outward code, or None: 'hp27le' -> HP2 7LE, ' al5 ' -> AL5."""
    compact = re.sub(r"\s+", " ", text.strip().upper())
    full = FULL.match(compact)
    if full:
        return Postcode(full.group(1), full.group(2))
    return Postcode(compact) if OUTWARD.match(compact) else None
