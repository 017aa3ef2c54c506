"""Readable output: a terminal table, and report.md + metrics.png + metrics.json."""

from __future__ import annotations

import json
from pathlib import Path

from eval.evaluator import EvalRun
from eval.metrics import FOLLOWUP_KEYS, METRIC_KEYS, Outcome

COLUMNS = ("zh", "en", "overall")


def _fmt(v) -> str:
    if v is None:
        return "—"
    return str(v) if isinstance(v, int) else f"{v:.3f}"


def table(result: dict) -> str:
    rows: list[tuple[str, ...]] = [("metric", *COLUMNS)]
    for key in METRIC_KEYS:
        rows.append((key, *(_fmt(_col(result, c)[key]) for c in COLUMNS)))
    lat = result["latency_ms"]
    rows.append(("latency p50 ms", "", "", _fmt(lat["p50"])))
    rows.append(("latency p95 ms", "", "", _fmt(lat["p95"])))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def followup_table(result: dict) -> str:
    """Follow-ups asked in their conversation beside the same questions written out in
    full, and asked alone as typed; "ratio" is conversation / full. Empty without any."""
    fu = result.get("followup")
    if not fu:
        return ""
    head = ("metric", "lang", "conversation", "written out", "alone", "ratio")
    rows: list[tuple[str, ...]] = [head]
    for key in FOLLOWUP_KEYS:
        for col in COLUMNS:
            rows.append((key, col, *(_fmt(fu[g][col][key])
                                     for g in ("conversation", "standalone", "alone")),
                         _fmt(fu["ratio"][col][key])))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"rewritten by the condenser: {_fmt(fu['rewritten'])}")
    return "\n".join(lines)


def _col(result: dict, column: str) -> dict:
    return result["overall"] if column == "overall" else result["by_lang"][column]


def failed(o: Outcome) -> bool:
    if not o.answerable:
        return not o.refused
    return (o.refused or not set(o.retrieved) & set(o.gold) or not o.answer_correct
            or not set(o.cited) & set(o.gold))


def calibration(outcomes: list[Outcome], lang: str) -> list[tuple[float, float, float]]:
    """(threshold, refusal_accuracy, false_refusal) had the threshold been t, the other
    refusal rules (unknown names, missing answer slots) staying as they are."""
    mine = [o for o in outcomes if o.lang == lang and not o.error]
    ans = [o for o in mine if o.answerable]
    unans = [o for o in mine if not o.answerable]
    if not ans or not unans:
        return []

    def share(group: list[Outcome], t: float) -> float:
        return sum(o.refused or o.evidence < t for o in group) / len(group)

    cuts = sorted({round(o.evidence + 1e-6, 4) for o in mine})
    return [(t, share(unans, t), share(ans, t)) for t in [0.0, *cuts]]


def markdown(run: EvalRun, result: dict, thresholds: dict[str, float] | None = None) -> str:
    out = ["# Evaluation report", "", f"k = {run.k}, {result['n']} questions.", "",
           "```", table(result), "```", ""]
    if result.get("followup"):
        out += ["## Follow-up questions", "",
                "Each follow-up asked after its earlier question(s), beside the same question "
                "written out in full, and asked alone as typed (no history).", "",
                "```", followup_table(result), "```", ""]
        out += ["| id | understood as |", "|---|---|"]
        out += [f"| {o.id} | {o.understood_as.replace('|', '/')} |"
                for o in run.outcomes if o.understood_as]
        out.append("")
    out += ["## Refusal calibration", "",
            "The answerer refuses when the evidence (best sentence-level score among the top "
            "paragraphs) is below a per-language threshold. Each row: what refusal_accuracy "
            "and false_refusal would be at that threshold on this question file.", ""]
    for lang in ("zh", "en"):
        rows = calibration(run.outcomes, lang)
        current = (thresholds or {}).get(lang)
        out.append(f"### {lang} (current threshold: {current if current is not None else '—'})")
        if not rows:
            out += ["", "Needs answerable and unanswerable questions in this language.", ""]
            continue
        out += ["", "| threshold | refusal_accuracy | false_refusal |", "|---|---|---|"]
        for t, ra, fr in rows:
            out.append(f"| {t:.4f} | {ra:.3f} | {fr:.3f} |")
        out.append("")
    out += ["## Refusals by rule", "",
            "How many refusals each rule made, and how many of them refused an answerable "
            "question.", "", "| language | rule | refusals | wrong |", "|---|---|---|---|"]
    for lang, rules in result.get("refusal_rules", {}).items():
        for rule, row in rules.items():
            out.append(f"| {lang} | {rule} | {row['refusals']} | {row['wrong']} |")
    out.append("")
    bad = [o for o in run.outcomes if failed(o)]
    out += [f"## Failed questions ({len(bad)})", ""]
    for o in bad:
        out += [
            f"### {o.id} ({o.lang}, {'answerable' if o.answerable else 'unanswerable'})",
            "",
            f"- gold: {o.gold}; retrieved: {o.retrieved}; cited: {o.cited}; "
            f"refused: {o.refused}; answer_correct: {o.answer_correct}; "
            f"evidence: {o.evidence:.4f}",
        ]
        if o.error:
            out.append(f"- error: {o.error}")
        out += ["", "```", o.answer.strip() or "(no answer)", "```", ""]
    return "\n".join(out)


def chart(result: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    keys = [k for k in METRIC_KEYS if k != "n"]
    fig, ax = plt.subplots(figsize=(11, 4.5))
    width = 0.38
    for i, lang in enumerate(("zh", "en")):
        vals = [result["by_lang"][lang][k] or 0.0 for k in keys]
        xs = [x + (i - 0.5) * width for x in range(len(keys))]
        ax.bar(xs, vals, width, label=lang)
    ax.set_xticks(range(len(keys)), keys, rotation=30, ha="right")
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("share")
    ax.set_title("Metrics by question language")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_report(run: EvalRun, result: dict, directory: Path,
                 thresholds: dict[str, float] | None = None) -> list[Path]:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = [directory / "report.md", directory / "metrics.png", directory / "metrics.json"]
    paths[0].write_text(markdown(run, result, thresholds), encoding="utf-8")
    chart(result, paths[1])
    paths[2].write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return paths
