"""The location sets: does the bot find the district, ask when it cannot know, and recognise
places outside Hertfordshire? Scored through the trained model's own entities.

eval/heldout/locations.yml is never tuned on; eval/locations/ (two sets by separate writers) is.
"""
import json
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Tuple

import yaml

from bot import paths
from bot.geo import gazetteer as gazetteer_module
from bot.geo.from_entities import mentions
from bot.geo.gazetteer import OUTSIDE
from bot.geo.resolve import Location, resolve

HELDOUT = paths.ROOT / "eval" / "heldout" / "locations.yml"
DEV = paths.ROOT / "eval" / "locations"      # every *.yml in it
FLOORS = {"district_accuracy": 0.97, "out_of_area_recognition": 0.95}
NONE = "none"


@dataclass(frozen=True)
class Expected:
    text: str
    district: Optional[str]               # a slug, OUTSIDE, NONE; None when the bot should ask
    ask: Tuple[str, ...] = ()
    force: Optional[str] = None

    @property
    def kind(self) -> str:
        if self.ask:
            return "ask"
        return {OUTSIDE: "outside", NONE: "none"}.get(self.district, "district")


def load(path: Path) -> List[Expected]:
    if path.is_dir():
        return [item for part in sorted(path.glob("*.yml")) for item in load(part)]
    items = yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]
    return [Expected(i["text"], i.get("district"), tuple(i.get("ask", ())), i.get("force")) for i in items]


def correct(expected: Expected, got: Location) -> bool:
    if expected.kind == "ask":
        return got.needs_choice and set(expected.ask) <= set(got.candidates)
    if expected.kind == "none":
        return not got.found and not got.needs_choice
    return got.district == expected.district


async def locate_all(model: Path, items: List[Expected]) -> List[Location]:
    from rasa.core.agent import Agent

    agent, gazetteer = Agent.load(str(model)), gazetteer_module.load()
    found = []
    for item in items:
        parsed = await agent.parse_message(item.text)
        found.append(resolve(mentions(parsed.get("entities") or [], gazetteer), gazetteer))
    return found


def score(items: List[Expected], found: List[Location]) -> dict:
    right = [correct(i, f) for i, f in zip(items, found)]
    outside = [(i, f) for i, f in zip(items, found) if i.kind == "outside"]
    by_kind = {kind: _share([r for i, r in zip(items, right) if i.kind == kind])
               for kind in ("district", "ask", "outside", "none")}
    return {
        "messages": len(items),
        "district_accuracy": _share(right),
        "out_of_area_recognition": _share([f.district == OUTSIDE for _, f in outside]),
        "force_named": _share([f.force == i.force for i, f in outside]),
        "by_kind": by_kind,
    }


def errors(items: List[Expected], found: List[Location]) -> List[str]:
    return [f"{i.kind:>8} want {i.district or list(i.ask)} got {f.district or list(f.candidates)}: {i.text}"
            for i, f in zip(items, found) if not correct(i, f)]


def write(result: dict, out: Path, title_of_set: str) -> str:
    out.mkdir(parents=True, exist_ok=True)
    (out / "summary.json").write_text(json.dumps(result, indent=2))
    lines = [f"# Location evaluation ({result['messages']} {title_of_set} messages)", "",
             "| metric | value | floor |", "|---|---|---|"]
    for key, title in (("district_accuracy", "district accuracy (all messages)"),
                       ("out_of_area_recognition", "out-of-area recognition"),
                       ("force_named", "right neighbouring force named")):
        floor = FLOORS.get(key)
        lines.append(f"| {title} | {result[key]:.3f} | {'≥ ' + str(floor) if floor else ''} |")
    lines += ["", "| kind of message | share right | ", "|---|---|"]
    lines += [f"| {kind} | {share:.3f} |" for kind, share in result["by_kind"].items()]
    text = "\n".join(lines) + "\n"
    (out / "summary.md").write_text(text)
    return text


def _share(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 1.0
