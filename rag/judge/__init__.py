"""Answerability: whether the retrieved paragraphs answer the question, decided from the
retrieval evidence before any answerer runs, with the paragraphs worth pointing to.

Takes: a ``Query`` and its fused hits. Gives: a ``StageResult``, with a ``Refusal`` or none.
Must not import: ``rag.answer`` or any stage above it.
"""

from rag.judge.answerability import AnswerabilityGate
from rag.judge.base import Gate
from rag.judge.evidence import EvidenceGate

__all__ = ["AnswerabilityGate", "EvidenceGate", "Gate"]
