"""The judge's training report: how each candidate scored on documents it was not fitted
to, the leave-one-document-out outcomes per language and per document, the calibration
plot, and what each group of signals adds (the AUC without it)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from eval.answerability.dataset import Row
from eval.answerability.fit import LANGS, decide_by_language, labels, rates


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def outcome_rows(rates_: dict[str, dict[str, float]]) -> list[str]:
    out = ["| language | answerable | refused | hedged | unanswerable | answered | hedged |",
           "|---|---|---|---|---|---|---|"]
    for lang, r in rates_.items():
        out.append(f"| {lang} | {r['answerable']} | {_pct(r['answerable_refused'])} | "
                   f"{_pct(r['answerable_hedged'])} | {r['unanswerable']} | "
                   f"{_pct(r['unanswerable_answered'])} | {_pct(r['unanswerable_hedged'])} |")
    return out


def reliability_plot(p: np.ndarray, y: np.ndarray, path: Path, bins: int = 10) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    edges = np.linspace(0, 1, bins + 1)
    idx = np.clip(np.digitize(p, edges) - 1, 0, bins - 1)
    mean_p = [p[idx == b].mean() for b in range(bins) if (idx == b).any()]
    share = [y[idx == b].mean() for b in range(bins) if (idx == b).any()]
    count = [int((idx == b).sum()) for b in range(bins) if (idx == b).any()]
    fig, (ax, hist) = plt.subplots(2, 1, figsize=(5.5, 6.5), height_ratios=(3, 1), sharex=True)
    ax.plot([0, 1], [0, 1], ls="--", color="grey", label="perfectly calibrated")
    ax.plot(mean_p, share, marker="o", label="judge (leave one document out)")
    for x, s, n in zip(mean_p, share, count):
        ax.annotate(str(n), (x, s), textcoords="offset points", xytext=(4, -10), fontsize=7)
    ax.set_ylabel("share of questions answerable")
    ax.set_title("Answerability: calibration on unseen documents")
    ax.legend(loc="upper left", fontsize=8)
    hist.hist([p[y == 1], p[y == 0]], bins=edges, label=["answerable", "unanswerable"],
              stacked=True)
    hist.set_xlabel("judged probability that the documents answer")
    hist.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_report(directory: Path, rows: Sequence[Row], scores: dict[str, np.ndarray],
                 aucs: dict[str, float], chosen: str, calibrated: np.ndarray,
                 cut: tuple[dict[str, float], dict[str, float]],
                 lodo: dict[str, dict[str, float]],
                 ablation: dict[str, float], model: dict) -> str:
    directory.mkdir(parents=True, exist_ok=True)
    y = labels(rows)
    reliability_plot(calibrated, y, directory / "calibration.png")
    answer_at, refuse_below = cut
    outcomes = decide_by_language(rows, calibrated, answer_at, refuse_below)
    lines = ["# Answerability judge", "",
             f"{len(rows)} questions ({int(y.sum())} answerable) over "
             f"{len({r.group for r in rows})} document groups; model {model['version']}, "
             f"trained on questions with fingerprint `{model['fingerprint'][:16]}`.", "",
             "## Candidates, leave one document out", "",
             "Each document's questions scored by a model fitted without them.", "",
             "| model | AUC |", "|---|---|"]
    lines += [f"| {name}{' (chosen)' if name == chosen else ''} | {a:.3f} |"
              for name, a in aucs.items()]
    lines += ["", "Thresholds (on the calibrated probability), per question language: "
              + "; ".join(f"{lang}: answer at ≥ {answer_at[lang]:.3f}, refuse below "
                          f"{refuse_below[lang]:.3f}" for lang in answer_at)
              + "; hedge between.", "",
              "## Outcomes, leave one document out", ""]
    lines += outcome_rows(lodo)
    lines += ["", "### Per document", "", "| document | questions | answerable refused | "
              "answerable hedged | unanswerable answered |", "|---|---|---|---|---|"]
    for g in sorted({r.group for r in rows}):
        mine = [i for i, r in enumerate(rows) if r.group == g]
        rr = rates([rows[i] for i in mine], [outcomes[i] for i in mine])["all"]
        lines.append(f"| {g} | {len(mine)} | {_pct(rr['answerable_refused'])} | "
                     f"{_pct(rr['answerable_hedged'])} | {_pct(rr['unanswerable_answered'])} |")
    lines += ["", "## Calibration", "", "![calibration](calibration.png)", "",
              "## Ablation: AUC without each group of signals", "",
              f"All signals: {aucs[chosen]:.3f}.", "", "| without | AUC | change |",
              "|---|---|---|"]
    lines += [f"| {g} | {a:.3f} | {a - aucs[chosen]:+.3f} |" for g, a in ablation.items()]
    lines += ["", "## Weights (standardised signals)", "", "| signal | weight |", "|---|---|"]
    lines += [f"| {s} | {w:+.3f} |" for s, w in sorted(zip(model["signals"], model["coef"]),
                                                        key=lambda t: -abs(t[1]))]
    (directory / "answerability.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = [f"{chosen}: leave-one-document-out AUC {aucs[chosen]:.3f}; answer at "
               f"{answer_at}, refuse below {refuse_below}"]
    for lang in LANGS:
        r = lodo[lang]
        summary.append(f"  {lang}: answerable refused {_pct(r['answerable_refused'])}, hedged "
                       f"{_pct(r['answerable_hedged'])}; unanswerable answered "
                       f"{_pct(r['unanswerable_answered'])}")
    return "\n".join(summary)
