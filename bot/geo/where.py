"""What the bot knows about where a matter is, updated by each thing the resident says.

The bot asks "where?" at most once; a name that could be in two districts gets a follow-up with
the candidates. An answer it cannot place ends the asking: the resident is still helped, just
without a named team.
"""
from dataclasses import dataclass, replace
from typing import Optional, Tuple

from bot.geo.gazetteer import OUTSIDE
from bot.geo.resolve import Location


@dataclass(frozen=True)
class Whereabouts:
    district: Optional[str] = None
    place: Optional[str] = None
    force: Optional[str] = None
    choices: Tuple[str, ...] = ()
    asked: bool = False

    @property
    def settled(self) -> bool:
        """Nothing more to ask: known, or asked once already and no choice pending."""
        return self.district is not None or (self.asked and not self.choices)

    @property
    def outside(self) -> bool:
        return self.district == OUTSIDE


def update(known: Whereabouts, location: Location) -> Whereabouts:
    if known.choices and location.found and location.district in known.choices:
        return Whereabouts(location.district, known.place or location.place, asked=known.asked)
    if location.found:
        return Whereabouts(location.district, location.place, location.force, asked=known.asked)
    if location.needs_choice:
        return Whereabouts(place=location.place, choices=location.candidates, asked=known.asked)
    if known.choices or known.asked:
        return replace(known, choices=(), asked=True)      # an answer it cannot place: stop asking
    return known

