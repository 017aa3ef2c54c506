"""Answers kept as data (claims, citations, message keys) until a renderer shows them: the
extractive answerer (the default) and the optional LLM answerer, with the citation check.

Takes: a ``Retrieval``. Gives: an ``Answer`` whose every claim cites the paragraph it quotes.
Must not import: ``rag.translate``, ``rag.conversation``, ``rag.service`` or ``rag.factory``.
"""

from rag.answer.base import Answer, Answerer, Citation, Claim
from rag.answer.extractive import ExtractiveAnswerer
from rag.answer.messages import Message, render

__all__ = ["Answer", "Answerer", "Citation", "Claim", "ExtractiveAnswerer", "Message",
           "render"]
