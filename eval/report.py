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
    if o.false_premise:
        return o.decided != "correction"
    if not o.answerable:
        return not o.refused
    return (o.refused or not set(o.retrieved) & set(o.gold) or not o.answer_correct
            or not set(o.cited) & set(o.gold))


def outcome_table(result: dict) -> str:
    """The three outcomes (and corrections) per language: of answerable questions, of
    unanswerable ones, of false premises."""
    head = ("lang", "questions", "n", "answer", "hedge", "refusal", "correction", "note")
    rows: list[tuple[str, ...]] = [head]
    for lang, t in result.get("outcomes", {}).items():
        for group in ("answerable", "unanswerable", "false_premise"):
            g = t[group]
            note = (f"hedges showing gold {_fmt(g['hedge_shows_gold'])}" if group == "answerable"
                    else f"corrected with a gold citation {_fmt(g['corrected_with_citation'])}"
                    if group == "false_premise" else "")
            rows.append((lang, group, str(g["n"]), *(_fmt(g[k]) for k in
                                                     ("answer", "hedge", "refusal",
                                                      "correction")), note))
        rows.append((lang, "answerable taken for a false premise", "", "", "", "", "",
                     str(t["misread_as_premise"])))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def reliability(outcomes: list[Outcome], bins: int = 10) -> list[tuple[float, float, int]]:
    """(mean judged probability, share answerable, count) per probability bin: a
    calibrated judge lies on the diagonal."""
    judged = [o for o in outcomes if o.probability is not None and not o.false_premise]
    out = []
    for i in range(bins):
        lo, hi = i / bins, (i + 1) / bins
        mine = [o for o in judged if lo <= (o.probability or 0.0) < hi or
                (i == bins - 1 and o.probability == 1.0)]
        if mine:
            out.append((sum(o.probability or 0.0 for o in mine) / len(mine),
                        sum(o.answerable for o in mine) / len(mine), len(mine)))
    return out


def markdown(run: EvalRun, result: dict) -> str:
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
    out += ["## Answerability", "",
            "Outcomes per language: answer, hedge (the closest passages, as the judgement is "
            "uncertain), refusal, correction (of a false premise).", "",
            "```", outcome_table(result), "```", "",
            "Calibration: the judge's probability that the documents answer, against the "
            "share of those questions that are answerable (false premises apart).", "",
            "| mean probability | share answerable | questions |", "|---|---|---|"]
    out += [f"| {p:.3f} | {a:.3f} | {n} |" for p, a, n in reliability(run.outcomes)]
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
            f"outcome: {o.decided} ({o.reason or '-'}); answer_correct: {o.answer_correct}; "
            f"answerability: {_fmt(o.probability)}; kind: {o.kind or '-'}",
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


def write_report(run: EvalRun, result: dict, directory: Path) -> list[Path]:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = [directory / "report.md", directory / "metrics.png", directory / "metrics.json"]
    paths[0].write_text(markdown(run, result), encoding="utf-8")
    chart(result, paths[1])
    paths[2].write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return paths
