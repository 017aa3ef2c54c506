"""Question analysis: its language, the documents it names, its search terms (bridged from
English to Chinese), the names no document mentions, the slot it asks to fill, its vector.

Takes: a question's text and a ``Library``. Gives: a ``Query``, made once and read by every step.
Must not import: ``rag.retrieve`` or any stage above it.
"""

from rag.understand.base import Query, TermGroups
from rag.understand.query import QueryAnalyzer
from rag.understand.question import detect_language, normalise

__all__ = ["Query", "QueryAnalyzer", "TermGroups", "detect_language", "normalise"]
