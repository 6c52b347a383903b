"""Write the evaluation's summary (Markdown + JSON) and confusion-matrix picture."""
import json
from pathlib import Path
from typing import Optional

EMERGENCY_LABEL = "EMERGENCY"
NONE_LABEL = "(none)"


def label(emergency: bool, category: Optional[str]) -> str:
    return EMERGENCY_LABEL if emergency else (category or NONE_LABEL)


def meets(metric: str, value: float, floor: float) -> bool:
    return value <= floor if metric == "false_emergency_rate" else value >= floor


def write(results: dict, floors: dict, out: Path, title_of_set: str = "held-out") -> None:
    confusion = results["project"].pop("confusion")
    for other in results.values():
        other.pop("confusion", None)
    (out / "summary.json").write_text(json.dumps(results, indent=2))
    (out / "summary.md").write_text(_markdown(results, floors, title_of_set))
    _confusion_png(confusion["truth"], confusion["predicted"], out / "confusion_matrix.png")


def _markdown(results: dict, floors: dict, title_of_set: str) -> str:
    ours, base = results["project"], results.get("rasa_init")
    rows = [("accuracy (category or emergency)", "accuracy", "{:.3f}"),
            ("emergency recall", "emergency_recall", "{:.3f}"),
            ("false-emergency rate", "false_emergency_rate", "{:.3f}"),
            ("category macro-F1 (non-emergencies)", "macro_f1", "{:.3f}"),
            ("NLU training time, cold cache (s)", "train_seconds", "{:.0f}"),
            ("NLU p50 per message (ms)", "nlu_p50_ms", "{:.1f}"),
            ("NLU p95 per message (ms)", "nlu_p95_ms", "{:.1f}")]
    lines = [f"# Triage evaluation ({ours['messages']} {title_of_set} messages, {ours['emergencies']} emergencies)",
             "", "| metric | project pipeline | `rasa init` pipeline | floor |", "|---|---|---|---|"]
    for title, key, fmt in rows:
        floor = floors.get(key)
        floor_text = ("≤ " if key == "false_emergency_rate" else "≥ ") + str(floor) if floor is not None else ""
        baseline = fmt.format(base[key]) if base else "not run"
        lines.append(f"| {title} | {fmt.format(ours[key])} | {baseline} | {floor_text} |")
    conv = ours.get("conversations")
    if conv:
        lines += ["", f"Conversations replayed through the whole bot: {conv['emergency_turns']} emergency turns, "
                  f"999 answered first in {conv['emergency_recall']:.3f}; false 999 on other turns "
                  f"{conv['false_emergency_rate']:.3f}; p50 per turn {conv['turn_p50_ms']:.1f} ms."]
    lines += ["", "| category | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for category, r in ours["per_category"].items():
        lines.append(f"| {category} | {r['precision']:.2f} | {r['recall']:.2f} | {r['f1']:.2f} | {r['support']} |")
    return "\n".join(lines) + "\n"


def _confusion_png(truth, predicted, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = sorted(set(truth) | set(predicted), key=lambda x: (x != EMERGENCY_LABEL, x == NONE_LABEL, x))
    index = {name: i for i, name in enumerate(labels)}
    counts = [[0] * len(labels) for _ in labels]
    for t, p in zip(truth, predicted):
        counts[index[t]][index[p]] += 1
    fig, ax = plt.subplots(figsize=(12, 10))
    ax.imshow(counts, cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=90)
    ax.set_yticks(range(len(labels)), labels)
    for i, row in enumerate(counts):
        for j, value in enumerate(row):
            if value:
                ax.text(j, i, value, ha="center", va="center", fontsize=7)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title("Triage: true vs predicted")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
