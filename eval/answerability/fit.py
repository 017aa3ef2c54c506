"""Fit the judge on the dev rows and score it leave-one-document-out.

A model is fitted without one document's questions and scores them; the out-of-fold
probabilities of every document together give the calibration (Platt) and the two
thresholds, chosen for precision: few unanswerable questions answered, few answerable
ones refused, as few hedges as that allows.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from eval.answerability.dataset import Row

# (signals, labels, row weights) -> a scorer
Model = Callable[[np.ndarray, np.ndarray, np.ndarray], Callable[[np.ndarray], np.ndarray]]
LANGS = ("zh", "en")
# a document's rows weigh n ** -0.5 each: its influence grows with its questions, but the
# seed's 1,000 do not outvote eleven documents (leave-one-document-out AUC 0.772 -> 0.784
# on 2026-12-07's rows; 0.25, 0.75 and 1 within 0.005 of it)
DOCUMENT_WEIGHT_POWER = 0.5


@dataclass(frozen=True)
class Targets:
    """What the thresholds are chosen for, on the out-of-fold probabilities."""

    unanswerable_answered: float = 0.25
    answerable_refused: float = 0.04


@dataclass
class Logistic:
    """Standardised signals, L2-regularised logistic regression."""

    features: list[str]
    mean: np.ndarray = field(default_factory=lambda: np.zeros(0))
    scale: np.ndarray = field(default_factory=lambda: np.ones(0))
    coef: np.ndarray = field(default_factory=lambda: np.zeros(0))
    intercept: float = 0.0

    @classmethod
    def fit(cls, features: list[str], X: np.ndarray, y: np.ndarray, *, C: float = 1.0,
            weights: np.ndarray | None = None) -> Logistic:
        from sklearn.linear_model import LogisticRegression

        mean, scale = X.mean(axis=0), X.std(axis=0)
        scale[scale < 1e-9] = 1.0
        lr = LogisticRegression(C=C, max_iter=5000, class_weight="balanced")
        lr.fit((X - mean) / scale, y, sample_weight=weights)
        return cls(features, mean, scale, lr.coef_[0], float(lr.intercept_[0]))

    def __call__(self, X: np.ndarray) -> np.ndarray:
        logit = ((X - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(logit, -50, 50)))


def boosted(X: np.ndarray, y: np.ndarray, weights: np.ndarray
            ) -> Callable[[np.ndarray], np.ndarray]:
    from sklearn.ensemble import HistGradientBoostingClassifier

    gb = HistGradientBoostingClassifier(max_depth=3, learning_rate=0.05, max_iter=300,
                                        l2_regularization=1.0, class_weight="balanced",
                                        random_state=0)
    gb.fit(X, y, sample_weight=weights)
    return lambda Z: gb.predict_proba(Z)[:, 1]


def value(signals: dict[str, float], name: str) -> float:
    return math.prod(signals.get(p, 0.0) for p in name.split("*"))


def matrix(rows: Sequence[Row], features: Sequence[str]) -> np.ndarray:
    return np.array([[value(r.signals, f) for f in features] for r in rows], dtype=float)


def labels(rows: Sequence[Row]) -> np.ndarray:
    return np.array([r.answerable for r in rows], dtype=int)


def document_weights(rows: Sequence[Row], power: float = DOCUMENT_WEIGHT_POWER
                     ) -> np.ndarray:
    """Each row's weight: its document's row count to the power ``-power``, mean 1."""
    counts = Counter(r.group for r in rows)
    w = np.array([counts[r.group] ** -power for r in rows], dtype=float)
    return w / w.mean()


def out_of_fold(rows: Sequence[Row], features: Sequence[str], make: Model) -> np.ndarray:
    """Each document's questions scored by a model fitted without them."""
    X, y = matrix(rows, features), labels(rows)
    groups = np.array([r.group for r in rows])
    p = np.zeros(len(rows))
    for g in sorted(set(groups)):
        held = groups == g
        if len(set(y[~held])) < 2:
            continue
        kept = [r for r, h in zip(rows, held) if not h]
        p[held] = make(X[~held], y[~held], document_weights(kept))(X[held])
    return p


def platt(p: np.ndarray, y: np.ndarray, points: int = 41) -> tuple[list[float], list[float]]:
    """A smooth monotone map from raw to calibrated probability (a logistic curve over the
    raw log-odds, fitted to out-of-fold outcomes), as interpolation points: smooth, so
    that no step of it piles questions up at one value beside a threshold."""
    from sklearn.linear_model import LogisticRegression

    logit = np.log(np.clip(p, 1e-6, 1 - 1e-6) / np.clip(1 - p, 1e-6, 1))
    fit = LogisticRegression(C=1e6, max_iter=1000).fit(logit.reshape(-1, 1), y)
    xs = np.linspace(0.0, 1.0, points)
    grid = np.log(np.clip(xs, 1e-6, 1 - 1e-6) / np.clip(1 - xs, 1e-6, 1))
    ys = fit.predict_proba(grid.reshape(-1, 1))[:, 1]
    return [float(x) for x in xs], [float(v) for v in ys]


def calibrate(p: np.ndarray, curve: tuple[list[float], list[float]]) -> np.ndarray:
    return np.interp(p, curve[0], curve[1])


def decide(p: np.ndarray, answer_at: float, refuse_below: float) -> list[str]:
    return ["answer" if v >= answer_at else "refusal" if v < refuse_below else "hedge"
            for v in p]


def rates(rows: Sequence[Row], outcomes: Sequence[str]) -> dict[str, dict[str, float]]:
    """Per language: the shares of answerable questions refused and hedged, and of
    unanswerable ones answered (false premises counted among the unanswerable)."""
    out: dict[str, dict[str, float]] = {}
    for lang in (*LANGS, "all"):
        mine = [(r, o) for r, o in zip(rows, outcomes) if lang in ("all", r.lang)]
        ans = [o for r, o in mine if r.answerable]
        un = [o for r, o in mine if not r.answerable]
        out[lang] = {
            "answerable": len(ans), "unanswerable": len(un),
            "answerable_refused": ans.count("refusal") / max(1, len(ans)),
            "answerable_hedged": ans.count("hedge") / max(1, len(ans)),
            "unanswerable_answered": un.count("answer") / max(1, len(un)),
            "unanswerable_hedged": un.count("hedge") / max(1, len(un)),
        }
    return out


def decide_by_language(rows: Sequence[Row], p: np.ndarray, answer_at: dict[str, float],
                       refuse_below: dict[str, float]) -> list[str]:
    return [decide(np.array([v]), answer_at[r.lang], refuse_below[r.lang])[0]
            for r, v in zip(rows, p)]


def thresholds(rows: Sequence[Row], p: np.ndarray, targets: Targets
               ) -> tuple[dict[str, float], dict[str, float]]:
    """Per language: the lowest answer threshold at which at most
    ``targets.unanswerable_answered`` of its unanswerable questions are answered, and the
    highest refusal threshold at which at most ``targets.answerable_refused`` of its
    answerable ones are refused: the band between them hedges."""
    grid = np.round(np.linspace(0.0, 1.0, 201), 3)
    answer_at: dict[str, float] = {}
    refuse_below: dict[str, float] = {}
    for lang in LANGS:
        mine = [i for i, r in enumerate(rows) if r.lang == lang]
        if not mine:
            continue
        y = np.array([rows[i].answerable for i in mine])
        q = p[mine]
        answer_at[lang] = next((float(t) for t in grid if np.mean(q[y == 0] >= t)
                                <= targets.unanswerable_answered), 1.0)
        refuse_below[lang] = next((float(t) for t in grid[::-1] if t <= answer_at[lang] and
                                   np.mean(q[y == 1] < t) <= targets.answerable_refused), 0.0)
    return answer_at, refuse_below


def auc(p: np.ndarray, y: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, p)) if len(set(y)) == 2 else float("nan")
