"""The stored documents, as one snapshot per state of the store: paragraphs and their
records, the catalogue of documents a question may name, text indexes, places in a document.

Takes: a ``ParagraphStore`` (``ingest``) and the language tools. Gives: ``Library.snapshot()``.
Must not import: ``rag.understand`` or any stage above it.
"""

from rag.library.base import Library
from rag.library.snapshot import Snapshot

__all__ = ["Library", "Snapshot"]
