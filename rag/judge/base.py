"""The judge's edge: a gate is a post-fusion ``Stage`` whose ``StageResult`` carries a
``Verdict`` (``rag.base``: answer, hedge, refusal, or a correction of a false premise, with
the calibrated probability that the documents answer and the signals it was read from).
A refusal or a hedge ends the chain before any answerer runs."""

from __future__ import annotations

from rag.base import OUTCOMES, Correction, Outcome, Verdict
from rag.retrieve.base import Stage, StageResult

Gate = Stage

__all__ = ["OUTCOMES", "Correction", "Gate", "Outcome", "StageResult", "Verdict"]
