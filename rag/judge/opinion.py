"""A second opinion on the questions the judge hedges (optional: ``RAG_JUDGE_OPINION=local``).

The packaged language model (Qwen2.5-Coder-1.5B, the translator's) reads the question's
two closest paragraphs and answers yes or no to "does the passage state the answer?";
its P(yes), read from the logits of its first token, and the judge's probability are
combined by a small logistic model fitted on judged questions (``opinion.json``, written
by ``python -m eval.answerability.opinion --fit``), which then decides: answer, refuse,
or still hedge. Confident judgements never wait for it: a model call takes about 4 s on
2 cores where the judge takes milliseconds. The model never writes the answer.
"""

from __future__ import annotations

import json
import logging
import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from rag.judge.base import Outcome

OPINION_FILE = Path(__file__).resolve().parent / "opinion.json"
SYSTEM = ("You check whether a passage of a United Nations report answers a question. Reply "
          "with one word: yes if the passage states the answer, no if it does not.")
PASSAGE_CHARS = 700  # of each of the two paragraphs: the prompt stays near 600 tokens
log = logging.getLogger(__name__)


class Opinion(Protocol):
    identity: str

    def __call__(self, question: str, passages: Sequence[str]) -> float:
        """P(the passages state the answer to the question)."""
        ...


def messages(question: str, passages: Sequence[str]) -> list[dict[str, str]]:
    passage = "\n".join(p[:PASSAGE_CHARS] for p in passages)
    return [{"role": "system", "content": SYSTEM},
            {"role": "user", "content": f"Passage:\n{passage}\n\nQuestion: {question}\n"
                                        "Does the passage state the answer? yes or no."}]


def yes_probability(llm: Any, question: str, passages: Sequence[str]) -> float:
    """P(yes) against P(no) at the reply's first token, read through a logits processor
    (llama-cpp-python's public hook), so the model needs no ``logits_all``."""
    from llama_cpp import LogitsProcessorList

    ids = [llm.tokenize(w.encode(), add_bos=False, special=False)[0]
           for w in ("yes", "Yes", "no", "No")]
    seen: dict[str, np.ndarray] = {}

    def capture(_ids: Any, scores: Any) -> Any:
        seen.setdefault("first", np.array(scores[ids], dtype=float))
        return scores

    llm.create_chat_completion(messages=messages(question, passages), max_tokens=1,
                               temperature=0.0,
                               logits_processor=LogitsProcessorList([capture]))
    logits = seen["first"]
    p = np.exp(logits - logits.max())
    return float((p[0] + p[1]) / p.sum())


class LocalOpinion:
    """The packaged model, loaded on the first hedged question (``load`` makes it)."""

    def __init__(self, load: Callable[[], Any], identity: str) -> None:
        self._load = load
        self._llm: Any = None
        self._lock = threading.Lock()
        self.identity = identity

    def __call__(self, question: str, passages: Sequence[str]) -> float:
        with self._lock:  # one llama context, one caller at a time
            if self._llm is None:
                self._llm = self._load()
            return yes_probability(self._llm, question, passages)


def logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


@dataclass(frozen=True)
class OpinionModel:
    """The combiner: sigmoid(judge_weight·logit(judge) + opinion_weight·logit(P(yes)) +
    intercept), answer at or above ``answer_at``, refuse below ``refuse_below``."""

    judge_weight: float
    opinion_weight: float
    intercept: float
    answer_at: float = 0.7
    refuse_below: float = 0.3
    version: str = ""

    @classmethod
    def load(cls, path: Path = OPINION_FILE) -> OpinionModel:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(float(raw["judge_weight"]), float(raw["opinion_weight"]),
                   float(raw["intercept"]), float(raw["answer_at"]),
                   float(raw["refuse_below"]), str(raw.get("version", "")))

    def probability(self, judge: float, yes: float) -> float:
        z = self.judge_weight * logit(judge) + self.opinion_weight * logit(yes)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z + self.intercept))))

    def outcome(self, probability: float) -> Outcome:
        if probability >= self.answer_at:
            return "answer"
        return "refusal" if probability < self.refuse_below else "hedge"


@dataclass(frozen=True)
class SecondOpinion:
    ask: Opinion
    model: OpinionModel

    def __call__(self, question: str, passages: Sequence[str], judge: float
                 ) -> tuple[float, float] | None:
        """(P(yes), the combined probability), or None when the model fails: the
        question stays hedged."""
        try:
            yes = self.ask(question, passages)
        except (RuntimeError, ValueError, OSError) as exc:
            log.warning("no second opinion: %s", exc)
            return None
        return yes, self.model.probability(judge, yes)
