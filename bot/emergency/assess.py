"""Decide from the rule layer's spans whether a message describes danger happening now.

Pure logic over (label, start, end) spans so it can be tested without spaCy. The labels come
from bot/nlp/emergency_patterns.py.
"""
from dataclasses import dataclass, field
from typing import Iterable, List, NamedTuple, Sequence, Tuple

# Kinds still happening hours after they began: someone missing since this morning is still missing.
OUTLAST_RECENT = {"missing"}


class Span(NamedTuple):
    label: str
    start: int
    end: int
    text: str = ""


@dataclass(frozen=True)
class Assessment:
    is_emergency: bool
    kinds: Tuple[str, ...] = ()
    time_sense: str = "unknown"  # now | likely_now (only a bare "now", "tonight"...) | over | unknown
    evidence: Tuple[str, ...] = field(default=())

    def as_dict(self) -> dict:
        return {"is_emergency": self.is_emergency, "kinds": list(self.kinds),
                "time_sense": self.time_sense, "evidence": list(self.evidence)}


def assess(spans: Iterable[Span]) -> Assessment:
    spans = list(spans)
    negations = _with_label(spans, {"negation"})
    overs = _with_label(spans, {"over", "recent", "hypothetical"})
    hypotheticals = _with_label(spans, {"hypothetical"})
    dangers = [s for s in spans if s.label.startswith("danger.")
               and not _inside_any(s, negations) and not _conditional(s, hypotheticals)]
    nows = [s for s in _with_label(spans, {"now"}) if not _inside_any(s, overs) and not _conditional(s, hypotheticals)]
    weak_nows = [s for s in _with_label(spans, {"weak_now"}) if not _inside_any(s, overs)]
    time_sense = _time_sense(nows, overs, weak_nows)
    sense_ignoring_recent = _time_sense(nows, _with_label(spans, {"over", "hypothetical"}), weak_nows)
    firing = [s for s in dangers if _fires(_when(s), sense_ignoring_recent if _kind(s) in OUTLAST_RECENT else time_sense,
                                           bool(nows))]
    kinds = tuple(sorted({_kind(s) for s in firing}))
    evidence = tuple(s.text for s in firing)
    return Assessment(bool(firing), kinds, time_sense, evidence)


class Part(NamedTuple):
    start: int  # token offsets
    end: int
    question: bool = False


def assess_parts(spans: Iterable[Span], parts: Sequence[Part]) -> Assessment:
    """The whole message, then each part of it (token ranges, e.g. its sentences) on its own: a part
    that itself tells a danger as happening now counts even when another part is over ("lost my keys
    last week. someone is letting themselves in with them now"). A part with no time of its own does
    not ("so he pulls a knife on my brother. this was friday")."""
    spans = list(spans)
    whole = assess(spans)
    if whole.is_emergency:
        return whole
    for start, end, question in parts:
        inside = [s for s in spans if s.start >= start and s.end <= end]
        part = assess(inside)
        if part.is_emergency and (part.time_sense in ("now", "likely_now")
                                  or not question and _told_last_in_present(inside, spans, end)):
            return part
    return whole


def _told_last_in_present(part: List[Span], spans: List[Span], end: int) -> bool:
    """"...i got a parking fine last month, who do i appeal to? a lady in the square has been stabbed
    and the man is walking off": a danger with no time of its own, told in the present tense, with
    nothing after it saying when. "so he pulls a knife on my brother. this was friday" has."""
    labels = {s.label for s in part}
    if "past" in labels or "present" not in labels:
        return False
    return not any(s.label in ("over", "recent", "hypothetical") and s.start >= end for s in spans)


def _time_sense(nows: List[Span], overs: List[Span], weak_nows: List[Span]) -> str:
    """An explicit now beats an explicit over, which beats a bare "now" ("...and now I want to report it")."""
    if nows:
        return "now"
    if overs:
        return "over"
    return "likely_now" if weak_nows else "unknown"


def _fires(when: str, time_sense: str, explicitly_now: bool) -> bool:
    if when == "always":
        return True
    if when == "unless_over":
        return time_sense != "over"
    return explicitly_now


def _conditional(span: Span, hypotheticals: List[Span]) -> bool:
    """"if someone is breaking in..." / "what do I do if he is hitting her" / "he keeps saying he's
    going to...": the danger (or the now) opens a hypothetical clause or a reported threat, so even
    an `always` phrase does not describe something happening."""
    return any(h.start < span.start and 0 <= span.start - h.end <= 1 for h in hypotheticals)


def _with_label(spans: List[Span], labels: set) -> List[Span]:
    return [s for s in spans if s.label in labels]


def _inside_any(span: Span, others: List[Span]) -> bool:
    return any(o.start <= span.start and span.end <= o.end for o in others)


def _kind(span: Span) -> str:
    return span.label.split(".")[1]


def _when(span: Span) -> str:
    return span.label.split(".")[2]
