"""Retrieval: channels rank paragraphs for a query, fused by weighted reciprocal rank, then
post-fusion stages (the documents a question names, and the judge's gates) re-rank or refuse.

Takes: a question (through ``QueryAnalyzer``), channels and stages. Gives: a ``Retrieval``.
Must not import: ``rag.judge``, ``rag.answer`` or any stage above them.
"""

from rag.retrieve.base import Retrieval, Retriever, Stage, StageResult
from rag.retrieve.retriever import HybridRetriever, RetrievalConfig

__all__ = ["HybridRetriever", "Retrieval", "RetrievalConfig", "Retriever", "Stage",
           "StageResult"]
