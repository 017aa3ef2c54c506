"""From training rows to the shipped model: compare the candidates leave-one-document-out,
fit the better on every row, calibrate it, choose its thresholds, and report."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from eval.answerability.dataset import Row
from eval.answerability.fit import (
    DOCUMENT_WEIGHT_POWER,
    Logistic,
    Targets,
    auc,
    boosted,
    calibrate,
    decide_by_language,
    document_weights,
    labels,
    matrix,
    out_of_fold,
    platt,
    rates,
    thresholds,
)
from rag.judge.model import FORMAT
from rag.judge.signals import SIGNALS

# what a cross-lingual question reads on another scale: these signals also enter as their
# product with the question's language
BY_LANGUAGE = ("dense_best", "dense_gap", "dense_margin", "cover_top", "cover_sentence",
               "in_library", "in_library_rare")
FEATURES = [*SIGNALS, *(f"{s}*lang_en" for s in BY_LANGUAGE)]
# the signals that stand or fall together, for the ablation
GROUPS = {
    "similarity": ("dense_best", "dense_gap", "dense_margin"),
    "bm25": ("bm25_words", "bm25_bigrams", "bm25_none"),
    "never mentioned": ("unknown_names", "absent", "absent_share"),
    "names apart": ("names_apart",),
    "slot": ("slot", "slot_filled", "slot_partial", "slot_empty"),
    "coverage": ("cover_top", "cover_top3", "cover_sentence", "concepts"),
    "in the library": ("in_library", "in_library_rare", "content_words"),
    "question": ("lang_en", "cross_lingual", "named", "documents_top5"),
    "agreement": ("sentence_agrees", "bm25_agrees"),
}
C_GRID = (0.03, 0.1, 0.3, 1.0)


@dataclass
class TrainResult:
    model: dict
    summary: str


def trainable(rows: Sequence[Row]) -> list[Row]:
    """The rows the judge learns from: judged questions; a false premise is neither an
    answer as asked nor a near miss (its outcome is the correction), so it stays out."""
    return [r for r in rows if r.signals and not r.false_premise]


def without(features: Sequence[str], group: Sequence[str]) -> list[str]:
    return [f for f in features if not any(p in group for p in f.split("*"))]


def logistic(features: list[str], C: float):
    return lambda X, y, w: Logistic.fit(features, X, y, C=C, weights=w)


def train(rows: Sequence[Row], fingerprint: str, report_dir: Path,
          targets: Targets | None = None) -> TrainResult:
    targets = targets or Targets()
    data = trainable(rows)
    y = labels(data)
    # the candidates, each scored on documents it was not fitted to
    scores = {f"logistic C={c}": out_of_fold(data, FEATURES, logistic(FEATURES, c))
              for c in C_GRID}
    scores["boosted trees"] = out_of_fold(data, FEATURES, boosted)
    aucs = {name: auc(p, y) for name, p in scores.items()}
    best_c = max(C_GRID, key=lambda c: aucs[f"logistic C={c}"])
    chosen = f"logistic C={best_c}"
    oof = scores[chosen]
    curve = platt(oof, y)
    calibrated = calibrate(oof, curve)
    answer_at, refuse_below = thresholds(data, calibrated, targets)
    lodo = rates(data, decide_by_language(data, calibrated, answer_at, refuse_below))
    ablation = {name: auc(out_of_fold(data, without(FEATURES, g), logistic(
        without(FEATURES, g), best_c)), y) for name, g in GROUPS.items()}
    final = Logistic.fit(FEATURES, matrix(data, FEATURES), y, C=best_c,
                         weights=document_weights(data))
    model = {
        "format": FORMAT, "version": f"judge-{date.today().isoformat()}",
        "fingerprint": fingerprint, "signals": FEATURES,
        "mean": final.mean.tolist(), "scale": final.scale.tolist(),
        "coef": final.coef.tolist(), "intercept": final.intercept,
        "calibration": [curve[0], curve[1]], "answer_at": answer_at,
        "refuse_below": refuse_below, "similarity": [0.85, 0.80],
        "trained_on": {"rows": len(data), "answerable": int(y.sum()),
                       "document_weight_power": DOCUMENT_WEIGHT_POWER,
                       "documents": sorted({r.group for r in data})},
        "leave_one_document_out": {"auc": aucs[chosen], "rates": lodo},
    }
    from eval.answerability.report import write_report

    summary = write_report(report_dir, data, scores, aucs, chosen, calibrated,
                           (answer_at, refuse_below), lodo, ablation, model)
    return TrainResult(model, summary)


def write_model(model: dict, path: Path) -> None:
    path.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


__all__ = ["FEATURES", "GROUPS", "TrainResult", "train", "write_model"]
