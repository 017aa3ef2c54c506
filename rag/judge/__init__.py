"""Answerability: whether the retrieved paragraphs answer the question, judged from the
retrieval evidence by a learned, calibrated model before any answerer runs: answer,
hedge (point to the closest passages), refuse, or correct a false premise.

Takes: a ``Query`` and its fused hits. Gives: a ``StageResult`` with a ``Verdict``.
Must not import: ``rag.answer`` or any stage above it.
"""

from rag.judge.base import Gate
from rag.judge.judge import AnswerabilityJudge
from rag.judge.model import JudgeModel, ModelError
from rag.judge.premise import PremiseCheck

__all__ = ["AnswerabilityJudge", "Gate", "JudgeModel", "ModelError", "PremiseCheck"]
