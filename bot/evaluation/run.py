"""`make eval`: the triage floors on the held-out set, against Rasa's `rasa init` pipeline.

Trains both NLU pipelines on the same data with a cold cache (timed), classifies every held-out
message, replays the held-out conversations through the project's full model, and writes
reports/triage/ (summary.md, summary.json, confusion_matrix.png). Exits 1 if a floor is missed.

`--dev` scores the project pipeline alone on the development set (eval/dev/) into reports/dev/:
that is the set to tune rules and thresholds on, so the held-out figures stay honest.
"""
import argparse
import asyncio
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Tuple

from bot import paths
from bot.evaluation import heldout, locations, metrics, report
from bot.evaluation.metrics import Prediction
from bot.triage import categories
from bot.triage.gate import EMERGENCY_INTENT

REPORTS = paths.ROOT / "reports" / "triage"
EVAL_MODELS = paths.ROOT / "models" / "eval"
FLOORS = {"emergency_recall": 0.99, "false_emergency_rate": 0.05, "macro_f1": 0.85}
PIPELINES = {"project": paths.ROOT / "config.yml", "rasa_init": paths.ROOT / "eval" / "baseline" / "config.yml"}


def check_no_leak(held: heldout.HeldOut) -> None:
    """No held-out text may be in the training data. Conversation openers and closers ("hi",
    "thanks": no category, not an emergency) are scaffolding, not scored, and may repeat."""
    training = {t.strip().lower() for t in heldout.training_texts()}
    scored_turns = [t.text for c in held.conversations for t in c if t.category or t.urgency == "emergency"]
    texts = [m.text for m in held.messages] + scored_turns
    leaked = [t for t in texts if t.strip().lower() in training]
    if leaked:
        sys.exit(f"held-out messages found in the training data: {leaked[:5]}")


def inputs_hash(config: Path) -> str:
    """What the pipeline's model depends on: its config, the NLU data and, for the project's own
    components, the project's code and data files they read."""
    digest = hashlib.sha256(config.read_bytes())
    inputs = sorted((paths.DATA / "nlu").glob("*.yml"))
    if "bot.nlu." in config.read_text():
        inputs += sorted(paths.ROOT.glob("bot/**/*.py")) + [paths.EMERGENCY_PATTERNS]
    for path in inputs:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def trained_nlu(name: str, config: Path) -> Tuple[Path, float]:
    """The pipeline's model, trained again only when its config or the NLU data changed."""
    model, record = EVAL_MODELS / f"{name}.tar.gz", EVAL_MODELS / f"{name}.json"
    fingerprint = inputs_hash(config)
    if model.exists() and record.exists():
        saved = json.loads(record.read_text())
        if saved.get("inputs") == fingerprint:
            return model, saved["train_seconds"]
    print(f"training the {name} NLU pipeline (cold cache)...", flush=True)
    model, seconds = train_nlu(name, config)
    record.write_text(json.dumps({"inputs": fingerprint, "train_seconds": seconds}))
    return model, seconds


def train_nlu(name: str, config: Path) -> Tuple[Path, float]:
    with tempfile.TemporaryDirectory() as cold_cache:
        env = {**os.environ, "RASA_CACHE_DIRECTORY": cold_cache}
        started = time.monotonic()
        subprocess.run([str(Path(sys.executable).parent / "rasa"), "train", "nlu", "--config", str(config),
                        "--nlu", str(paths.DATA / "nlu"), "--out", str(EVAL_MODELS),
                        "--fixed-model-name", name], check=True, env=env, cwd=paths.ROOT,
                       stdout=subprocess.DEVNULL)
        return EVAL_MODELS / f"{name}.tar.gz", time.monotonic() - started


async def classify(model: Path, texts: List[str]) -> Tuple[List[Prediction], List[float]]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    taxonomy = categories.load()
    predictions, seconds = [], []
    for text in texts:
        started = time.perf_counter()
        parsed = await agent.parse_message(text)
        seconds.append(time.perf_counter() - started)
        intent = (parsed.get("intent") or {}).get("name")
        category = taxonomy.category_of(intent)
        predictions.append(Prediction(intent == EMERGENCY_INTENT, category.key if category else None))
    return predictions, seconds


async def replay_conversations(model: Path, held: heldout.HeldOut) -> Dict[str, float]:
    """Each held-out conversation through the whole bot: is every emergency turn answered 999 first?"""
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    first_999 = agent.domain.responses["utter_emergency_now"][0]["text"]
    caught, emergencies, alarms, others, seconds = 0, 0, 0, 0, []
    for number, conversation in enumerate(held.conversations):
        sender = f"eval-conversation-{number}"
        for turn in conversation:
            started = time.perf_counter()
            replies = await agent.handle_text(turn.text, sender_id=sender)
            seconds.append(time.perf_counter() - started)
            said_999_first = bool(replies) and replies[0].get("text") == first_999
            if turn.urgency == "emergency":
                emergencies, caught = emergencies + 1, caught + said_999_first
            else:
                others, alarms = others + 1, alarms + said_999_first
    return {"emergency_turns": emergencies, "emergency_recall": caught / emergencies,
            "false_emergency_rate": alarms / others, "turn_p50_ms": 1000 * metrics.percentile(seconds, 50)}


def score(held: heldout.HeldOut, predictions: List[Prediction], seconds: List[float], train_seconds: float) -> dict:
    urgencies = [m.urgency for m in held.messages]
    truth_labels = [report.label(m.urgency == "emergency", m.category) for m in held.messages]
    predicted_labels = [report.label(p.emergency, p.category) for p in predictions]
    non_emergency = [i for i, m in enumerate(held.messages) if m.urgency == "non_emergency"]
    per_category = metrics.per_category([held.messages[i].category for i in non_emergency],
                                        [predicted_labels[i] for i in non_emergency])
    return {
        "messages": len(held.messages), "emergencies": urgencies.count("emergency"),
        "emergency_recall": metrics.emergency_recall(urgencies, predictions),
        "false_emergency_rate": metrics.false_emergency_rate(urgencies, predictions),
        "macro_f1": metrics.macro_f1(per_category),
        "accuracy": metrics.accuracy(truth_labels, predicted_labels),
        "per_category": per_category,
        "nlu_p50_ms": 1000 * metrics.percentile(seconds, 50),
        "nlu_p95_ms": 1000 * metrics.percentile(seconds, 95),
        "train_seconds": train_seconds,
        "confusion": {"truth": truth_labels, "predicted": predicted_labels},
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="bot.evaluation.run", description=__doc__)
    parser.add_argument("--dev", action="store_true", help="the development set, project pipeline only")
    parser.add_argument("--project-only", action="store_true",
                        help="the held-out set without the rasa init baseline (its DIET model takes 1-2 hours to train)")
    args = parser.parse_args(argv)
    dev, project_only = args.dev, args.project_only or args.dev
    _quiet_rasa()
    held = heldout.load_dev() if dev else heldout.load()
    check_no_leak(held)
    texts = [m.text for m in held.messages]
    results = {}
    for name, config in PIPELINES.items():
        if project_only and name != "project":
            continue
        model, train_seconds = trained_nlu(name, config)
        predictions, seconds = asyncio.run(classify(model, texts))
        results[name] = score(held, predictions, seconds, train_seconds)
    if held.conversations:
        full_model = paths.ROOT / "models" / "triage.tar.gz"
        results["project"]["conversations"] = asyncio.run(replay_conversations(full_model, held))
    reports = REPORTS.parent / "dev" if dev else REPORTS
    reports.mkdir(parents=True, exist_ok=True)
    if dev:
        errors = [f"{t:>22} <- {p:<22} {m.text}" for m, t, p in zip(held.messages, *results["project"]["confusion"].values())
                  if t != p]
        (reports / "errors.txt").write_text("truth <- predicted\n" + "\n".join(errors) + "\n")
    report.write(results, FLOORS, reports, "development" if dev else "held-out")
    print((reports / "summary.md").read_text())
    missed = [k for k, floor in FLOORS.items() if not report.meets(k, results["project"][k], floor)]
    missed += evaluate_locations(dev)
    if missed:
        print(f"FLOORS MISSED: {missed}")
    return 1 if missed else 0


def evaluate_locations(dev: bool) -> List[str]:
    """The location set through the whole trained model; returns the floors it misses."""
    items = locations.load(locations.DEV if dev else locations.HELDOUT)
    found = asyncio.run(locations.locate_all(paths.ROOT / "models" / "triage.tar.gz", items))
    result = locations.score(items, found)
    out = paths.ROOT / "reports" / "locations" / ("dev" if dev else "")
    print(locations.write(result, out, "development" if dev else "held-out"))
    if dev:
        (out / "errors.txt").write_text("\n".join(locations.errors(items, found)) + "\n")
    return [k for k, floor in locations.FLOORS.items() if result[k] < floor]


def _quiet_rasa() -> None:
    # Rasa's structured log defaults to DEBUG in-process and would print every evaluated message.
    import logging
    from rasa.utils.log_utils import configure_structlog
    configure_structlog(logging.WARNING)


if __name__ == "__main__":
    sys.exit(main())
