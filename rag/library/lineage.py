"""How the stored documents stand to each other: a draft and the text adopted from it,
a text and the revision that supersedes it.

A draft's adopted text is the stored resolution (decision) with the same title whose
operative paragraphs hold the draft's: at least ``ADOPTED_AT`` of the draft's operative
paragraphs each find one at ``PARA_SAME`` similarity or more (``rag.library.compare``).
On the real pair A/HRC/59/L.17 -> A/HRC/RES/59/25 all 26 are found (25 word for word,
one at 0.98); against the four other documents of eval/docs/pdf a paragraph of the draft
finds 0.18 on average and 0.35 at best, so both thresholds sit far from either.

A revision (``Rev.N``) supersedes the text it revises and every earlier revision of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ingest.base import SUMMARY_N, DocumentInfo, Paragraph, is_preambular
from ingest.status import SymbolStatus, revision_base, symbol_status
from rag.library.compare import match

ADOPTED_AT = 0.6
PARA_SAME = 0.8
_ADOPTED_KINDS = {"draft resolution": "resolution", "draft decision": "decision"}


@dataclass(frozen=True)
class Standing:
    """One document's status (by symbol) and its links to the others."""

    symbol: str
    status: SymbolStatus = field(default_factory=SymbolStatus)
    adopted_as: str = ""  # a draft: the text adopted from it
    adopted_from: str = ""  # an adopted text: its draft
    superseded_by: str = ""  # the latest revision, when this text is an earlier one
    match: float = 0.0  # the adoption link's share of the draft's operative paragraphs found

    def to_dict(self) -> dict:
        s = self.status
        return {"draft": s.draft, "revision": s.revision, "corrigendum": s.corrigendum,
                "addendum": s.addendum, "of": s.parent, "adopted_as": self.adopted_as,
                "adopted_from": self.adopted_from, "superseded_by": self.superseded_by,
                "match": round(self.match, 3), "label": self.label("en")}

    def label(self, lang: str = "en") -> str:
        """"draft, adopted as A/HRC/RES/59/25"; "草案，已通过为 …"; "" for a plain text."""
        s = self.status
        if lang == "zh":
            parts = ["草案"] if s.draft else []
            parts += [f"第{s.revision}次修订本"] if s.revision else []
            parts += [f"第{s.corrigendum}号更正"] if s.corrigendum else []
            parts += [f"第{s.addendum}号增编"] if s.addendum else []
            parts += [f"已通过为 {self.adopted_as}"] if self.adopted_as else []
            parts += [f"据 {self.adopted_from} 通过"] if self.adopted_from else []
            parts += [f"已被 {self.superseded_by} 取代"] if self.superseded_by else []
            return "，".join(parts)
        parts = s.words()
        parts += [f"adopted as {self.adopted_as}"] if self.adopted_as else []
        parts += [f"adopted from {self.adopted_from}"] if self.adopted_from else []
        parts += [f"superseded by {self.superseded_by}"] if self.superseded_by else []
        return ", ".join(parts)


def operative(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The numbered paragraphs: neither the title block nor the preamble."""
    return [p for p in paragraphs if p.n != SUMMARY_N and not is_preambular(p.n)]


def adoption_match(draft: list[Paragraph], final: list[Paragraph]) -> float:
    """The share of the draft's operative paragraphs found in the final text."""
    ops = operative(draft)
    if not ops:
        return 0.0
    found = [p for p in match(ops, operative(final), floor=PARA_SAME) if p.old and p.new]
    return len(found) / len(ops)


def _title(text: str) -> str:
    return re.sub(r"^the ", "", " ".join(re.sub(r"[^\w]+", " ", text.lower()).split()))


def standings(infos: Iterable[DocumentInfo],
              paragraphs: Callable[[str], list[Paragraph]]) -> dict[str, Standing]:
    """symbol -> its standing; ``paragraphs(doc_id)`` is read only for drafts and the
    texts that share their title."""
    by_symbol: dict[str, list[DocumentInfo]] = {}
    for info in infos:
        by_symbol.setdefault(info.symbol, []).append(info)
    status = {s: _status(s, vs) for s, vs in by_symbol.items()}
    links: dict[str, dict] = {s: {} for s in by_symbol}
    _supersede(status, links)
    for draft, versions in by_symbol.items():
        if not status[draft].draft:
            continue
        best = (0.0, "")
        for final, others in by_symbol.items():
            if final == draft or not _may_adopt(versions, others, status[final]):
                continue
            for a in versions:
                b = next((o for o in others if o.lang == a.lang
                          and _title(o.title) == _title(a.title) and a.title), None)
                if b is not None:
                    share = adoption_match(paragraphs(a.doc_id), paragraphs(b.doc_id))
                    best = max(best, (share, final))
        if best[0] >= ADOPTED_AT:
            links[draft].update(adopted_as=best[1], match=best[0])
            theirs = links[best[1]]
            # the latest revision of a draft is the one adopted, else the closest
            rank = (not links[draft].get("superseded_by"), best[0])
            if rank > theirs.get("_rank", (False, -1.0)):
                theirs.update(adopted_from=draft, match=best[0], _rank=rank)
    for mine in links.values():  # an earlier draft: the text its line became
        latest = links.get(mine.get("superseded_by", ""), {})
        if latest.get("adopted_as") and not mine.get("adopted_as"):
            mine["adopted_as"] = latest["adopted_as"]
    return {s: Standing(s, status[s], **{k: v for k, v in links[s].items()
                                         if not k.startswith("_")}) for s in by_symbol}


def _status(symbol: str, versions: list[DocumentInfo]) -> SymbolStatus:
    parsed = symbol_status(symbol, versions[0].kind)
    draft = any(v.draft for v in versions) or parsed.draft
    return SymbolStatus(draft, parsed.revision, parsed.corrigendum, parsed.addendum,
                        parsed.parent)


def _supersede(status: dict[str, SymbolStatus], links: dict[str, dict]) -> None:
    """The highest revision of each text supersedes the text and its other revisions."""
    groups: dict[str, list[str]] = {}
    for symbol in status:
        base = revision_base(symbol)
        if base is not None:
            groups.setdefault(base, []).append(symbol)
    for members in groups.values():
        latest = max(members, key=lambda s: status[s].revision)
        for s in members:
            if s != latest:
                links[s]["superseded_by"] = latest


def _may_adopt(draft: list[DocumentInfo], final: list[DocumentInfo],
               status: SymbolStatus) -> bool:
    """A draft resolution becomes a resolution, a draft decision a decision."""
    if status.draft:
        return False
    kind = next((_ADOPTED_KINDS[v.kind] for v in draft if v.kind in _ADOPTED_KINDS), None)
    kinds = {v.kind for v in final}
    return kind in kinds if kind else bool(kinds & set(_ADOPTED_KINDS.values()))
