"""The learned judgement, read from a small versioned JSON file shipped in the package
(``model.json``, written by ``python -m eval.train_answerability``): a logistic
regression over standardised signals, its calibration (a monotone curve, as points), the
two thresholds per language that turn the probability into an outcome, and the
fingerprint of the questions it was trained on. Plain numbers, read with numpy: no
pickle, no scikit-learn at run time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from rag.judge.base import Outcome

MODEL_FILE = Path(__file__).resolve().parent / "model.json"
FORMAT = 1


class ModelError(ValueError):
    """The model file is missing, of another format, or does not fit the signals."""


@dataclass(frozen=True)
class JudgeModel:
    signals: tuple[str, ...]  # a name, or "a*b": the product of two signals
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    answer_at: dict[str, float]  # per question language: at or above, answer
    refuse_below: dict[str, float]  # below: refuse; between the two: hedge
    calibration: tuple[tuple[float, ...], tuple[float, ...]] = ((0.0, 1.0), (0.0, 1.0))
    version: str = ""
    fingerprint: str = ""
    # the best sentence's cosine read as "close" within a language and across two: the
    # scale of the similarity signals, fixed with the model that was trained on them
    similarity: tuple[float, float] = (0.85, 0.80)

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> JudgeModel:
        try:
            raw = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as err:
            raise ModelError(f"{path}: cannot read the answerability model ({err})") from None
        return cls.from_dict(raw)

    @classmethod
    def from_dict(cls, raw: dict) -> JudgeModel:
        if raw.get("format") != FORMAT:
            raise ModelError(f"answerability model of format {raw.get('format')!r}, "
                             f"this code reads {FORMAT}")
        xs, ys = raw.get("calibration", [[0.0, 1.0], [0.0, 1.0]])
        return cls(tuple(raw["signals"]), np.asarray(raw["mean"], dtype=float),
                   np.asarray(raw["scale"], dtype=float), np.asarray(raw["coef"], dtype=float),
                   float(raw["intercept"]), per_language(raw["answer_at"]),
                   per_language(raw["refuse_below"]), (tuple(xs), tuple(ys)),
                   str(raw.get("version", "")), str(raw.get("fingerprint", "")),
                   tuple(raw.get("similarity", (0.85, 0.80))))

    def with_thresholds(self, answer_at: float | None, refuse_below: float | None
                        ) -> JudgeModel:
        """The same model with a user's own thresholds (RAG_JUDGE_ANSWER_AT, …), the same
        for every language."""
        answer = dict(self.answer_at) if answer_at is None else per_language(answer_at)
        refuse = dict(self.refuse_below) if refuse_below is None else per_language(refuse_below)
        for lang in answer:
            if not 0.0 <= refuse.get(lang, 0.0) <= answer[lang] <= 1.0:
                raise ModelError(f"the judge's thresholds must satisfy 0 <= refuse_below "
                                 f"({refuse.get(lang)}) <= answer_at ({answer[lang]}) <= 1")
        return replace(self, answer_at=answer, refuse_below=refuse)

    @property
    def identity(self) -> str:
        return f"{self.version}@{self.fingerprint[:12]}"

    def vector(self, values: dict[str, float]) -> np.ndarray:
        out = []
        for name in self.signals:
            parts = name.split("*")
            missing = [p for p in parts if p not in values]
            if missing:
                raise ModelError(f"the answerability model reads signal(s) {missing} "
                                 "that the judge does not give")
            out.append(math.prod(values[p] for p in parts))
        return (np.asarray(out, dtype=float) - self.mean) / self.scale

    def contributions(self, values: dict[str, float]) -> dict[str, float]:
        """Each signal's share of the log-odds: what pushed the judgement up or down."""
        z = self.vector(values) * self.coef
        return {name: float(v) for name, v in zip(self.signals, z)}

    def probability(self, values: dict[str, float]) -> float:
        logit = float(self.vector(values) @ self.coef) + self.intercept
        raw = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, logit))))
        xs, ys = self.calibration
        return float(np.interp(raw, xs, ys))

    def outcome(self, probability: float, lang: str) -> Outcome:
        answer_at = self.answer_at.get(lang, max(self.answer_at.values()))
        refuse_below = self.refuse_below.get(lang, min(self.refuse_below.values()))
        if probability >= answer_at:
            return "answer"
        return "refusal" if probability < refuse_below else "hedge"


def per_language(value: float | dict[str, float]) -> dict[str, float]:
    """Thresholds as the file gives them: one for every language, or one per language."""
    if isinstance(value, dict):
        return {str(k): float(v) for k, v in value.items()}
    return {lang: float(value) for lang in ("zh", "en")}
