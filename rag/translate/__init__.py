"""Checked machine translation of quoted sentences (zh <-> en), and answers in the reader's
language: the model translates; our code decides what it sees (known UN terms injected) and
whether its output is shown (checks). Citations never pass through a model.

Takes: an ``Answer`` and a ``TranslationService``. Gives: the answer with checked translations.
Must not import: ``rag.conversation``, ``rag.service`` or ``rag.factory``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from rag.translate.answers import AnswerTranslator
from rag.translate.base import NoTranslator, TranslateError, Translation, Translator
from rag.translate.checked import CheckedTranslator
from rag.translate.checks import DEFAULT_SIMILARITY, Checker
from rag.translate.model_file import ModelFileError
from rag.translate.terms import Term, Terminology

__all__ = ["AnswerTranslator", "CheckedTranslator", "Checker", "ModelFileError", "NoTranslator",
           "Term", "Terminology", "TranslateError", "Translation", "Translator", "open_translator"]


def open_translator(backend: Literal["local", "endpoint", "none"], *,
                    model_dir: Path | None = None, llm: Any = None, n_threads: int = 1,
                    embedder: Any = None, clauses: bool = False,
                    similarity_threshold: float = DEFAULT_SIMILARITY) -> CheckedTranslator:
    """A ready CheckedTranslator. ``local`` needs ``model_dir`` (a cache directory);
    ``endpoint`` needs ``llm`` (a llama-index LLM); ``embedder`` (an ingest Embedder)
    enables the similarity check. Raises ModelFileError for a missing local model."""
    inner: Translator
    if backend == "local":
        if model_dir is None:
            raise TranslateError("the local translator needs a model cache directory")
        from rag.translate.local import LocalTranslator

        inner = LocalTranslator.from_packages(model_dir, n_threads=n_threads)
    elif backend == "endpoint":
        if llm is None:
            raise TranslateError("the endpoint translator needs an LLM")
        from rag.translate.endpoint import EndpointTranslator

        inner = EndpointTranslator(llm)
    else:
        inner = NoTranslator()
    terms = Terminology.load()
    embed = embedder.passage_vectors if embedder is not None else None
    checker = Checker(terms, embed=embed, similarity_threshold=similarity_threshold)
    return CheckedTranslator(inner, terms, checker, clauses=clauses)
