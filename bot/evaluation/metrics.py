"""Triage metrics: emergency recall, false alarms, per-category precision/recall/F1."""
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

from bot.triage.categories import CONTRACT_CATEGORIES


@dataclass(frozen=True)
class Prediction:
    emergency: bool
    category: Optional[str]


def emergency_recall(truth: Sequence[str], predicted: Sequence[Prediction]) -> float:
    hits = [p.emergency for t, p in zip(truth, predicted) if t == "emergency"]
    return sum(hits) / len(hits) if hits else float("nan")


def false_emergency_rate(truth: Sequence[str], predicted: Sequence[Prediction]) -> float:
    alarms = [p.emergency for t, p in zip(truth, predicted) if t != "emergency"]
    return sum(alarms) / len(alarms) if alarms else float("nan")


def per_category(truth: Sequence[str], predicted: Sequence[str]) -> Dict[str, Dict[str, float]]:
    report = {}
    for category in CONTRACT_CATEGORIES:
        tp = sum(t == category and p == category for t, p in zip(truth, predicted))
        fp = sum(t != category and p == category for t, p in zip(truth, predicted))
        fn = sum(t == category and p != category for t, p in zip(truth, predicted))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        report[category] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
    return report


def macro_f1(report: Dict[str, Dict[str, float]]) -> float:
    scored = [r["f1"] for r in report.values() if r["support"]]
    return sum(scored) / len(scored) if scored else float("nan")


def accuracy(truth: Sequence[str], predicted: Sequence[str]) -> float:
    return sum(t == p for t, p in zip(truth, predicted)) / len(truth) if truth else float("nan")


def percentile(values: List[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]
