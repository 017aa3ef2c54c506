"""Checked machine translation of quoted sentences (zh <-> en).

The model translates; our code decides what it sees (known UN terms injected) and
whether its output is shown (checks). Citations never pass through a model.

    from rag.translate import open_translator
    tr = open_translator("local", model_dir=Path("data/cache/models"))
    t = tr("人权高专办继续支持萨赫勒五国集团国家的体制框架。", "zh", "en")
    t.shown, t.text, t.failed, t.model

Integration notes (for the app, the Chroma cache and the UI, which are not built here):
- Show ``t.text`` as English only when ``t.shown``; otherwise show the quote and, if at
  all, the text flagged with ``t.failed``. Always print ``t.label`` (model identity).
- Cache key: ``(t.model, t.terms_version, src_lang, tgt_lang, source sentence)``; the
  model identity holds the GGUF hash prefix and the prompt version.
- Settings the app may add: backend (local/endpoint/none), thread count (default 1), model
  cache directory (e.g. data/cache/models, git-ignored), similarity threshold.
- ``extra_terms``: ``rag.translate.doc_terms.document_terms(paragraph texts, terms)`` for
  a document's own aliases and bracketed Latin names.
- A non-editable install needs ``rag = ["translate/data/*.tsv"]`` in package-data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from rag.translate.base import NoTranslator, TranslateError, Translation, Translator
from rag.translate.checked import CheckedTranslator
from rag.translate.checks import DEFAULT_SIMILARITY, Checker
from rag.translate.model_file import ModelFileError
from rag.translate.terms import Term, Terminology

__all__ = ["CheckedTranslator", "Checker", "ModelFileError", "NoTranslator", "Term",
           "Terminology", "TranslateError", "Translation", "Translator", "open_translator"]


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
