"""Favour the documents a question names, and the units it cites in them.

A question that names one document is searched in it alone (``Query.scope``, set by the
analysis); one that names several gets their paragraphs first. A question that cites an
article or paragraph ("第三十一条", "paragraph 21") of the document it names gets that
unit first, and is refused when the document has no such unit.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.base import ARTICLES
from rag.base import Hit, Refusal
from rag.retrieve.base import StageResult
from rag.understand.base import Query


@dataclass(frozen=True)
class DocumentStage:
    boost: float = 1.5  # fused score factor for the named documents' paragraphs
    name: str = "documents"

    def __call__(self, query: Query, hits: list[Hit]) -> StageResult:
        result = StageResult(hits)
        if not query.documents:
            return result
        snap = query.corpus
        named = set().union(*(snap.doc_ids(s) for s in query.documents))
        if query.units and len(query.documents) == 1:
            symbol = query.documents[0]
            missing = [n for n in query.units if (symbol, n) not in snap.versions]
            if missing:
                doc = snap.catalogue.documents.get(symbol)
                unit = "article" if doc is not None and doc.numbering == ARTICLES \
                    else "paragraph"
                args = {"doc": symbol, "name": snap.names.get(symbol), "unit": unit,
                        "n": missing[0]}
                result.refusal = Refusal("no_unit", args, tuple(h.id for h in hits[:3]))
                return result
        cited = set(query.units)

        def key(h: Hit) -> float:
            score = h.score * (self.boost if h.paragraph.doc_id in named else 1.0)
            return score + (1.0 if h.paragraph.n in cited and h.paragraph.doc_id in named
                            else 0.0)

        result.hits = sorted(hits, key=key, reverse=True)
        return result
