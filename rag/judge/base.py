"""The judge's edge: a gate is a post-fusion ``Stage`` that may end the chain with a
``Refusal`` before any answerer runs; its ``signals`` are named figures for calibration."""

from __future__ import annotations

from rag.retrieve.base import Stage, StageResult

Gate = Stage

__all__ = ["Gate", "StageResult"]
