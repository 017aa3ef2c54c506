"""Two texts of one document (a draft and its final text, a text and its revision),
paragraph by paragraph, matched by content: numbers shift when a paragraph is added.

A paragraph's similarity to another is difflib's ratio over their words: 1.0 for the
same words in the same order. Identical texts are paired first, then the closest pairs
at or above ``SAME``; what is left was removed (the old text's) or added (the new's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ingest.base import Paragraph, reading_key, unit_label

# below this the two are different paragraphs, not one changed: the changed paragraphs of
# the real draft/final pair keep 0.73 or more of their words, unrelated ones share 0.35 at
# most (docs/usage.md#comparing-two-texts-rag-compare)
SAME = 0.5
_WORD = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def similarity(a: str, b: str) -> float:
    """How much of two paragraphs' wording is shared, 0..1 (order kept)."""
    return SequenceMatcher(None, words(a), words(b), autojunk=False).ratio()


@dataclass(frozen=True)
class Pair:
    """A paragraph of the old text and what became of it in the new one."""

    old: Paragraph | None  # None: added
    new: Paragraph | None  # None: removed
    similarity: float = 0.0

    @property
    def change(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "unchanged" if _same(self.old.text, self.new.text) else "changed"

    @property
    def renumbered(self) -> bool:
        return self.old is not None and self.new is not None and self.old.n != self.new.n

    def edits(self) -> list[tuple[str, str]]:
        """The changed wording, as (old words, new words) pieces."""
        if self.old is None or self.new is None:
            return []
        a, b = self.old.text.split(), self.new.text.split()
        ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        return [(" ".join(a[i1:i2]), " ".join(b[j1:j2])) for op, i1, i2, j1, j2 in ops
                if op != "equal"]

    def to_dict(self) -> dict:
        alone = self.new or self.old
        return {"change": self.change,
                "old": None if self.old is None else unit_label(self.old.n),
                "new": None if self.new is None else unit_label(self.new.n),
                "old_n": None if self.old is None else self.old.n,
                "new_n": None if self.new is None else self.new.n,
                "similarity": round(self.similarity, 4),
                "edits": [{"old": o, "new": n} for o, n in self.edits()],
                "text": alone.text if alone is not None and self.change in ("added", "removed")
                else None}


@dataclass
class Comparison:
    old_id: str
    new_id: str
    pairs: list[Pair] = field(default_factory=list)

    def count(self, change: str) -> int:
        return sum(1 for p in self.pairs if p.change == change)

    @property
    def renumbered(self) -> int:
        return sum(1 for p in self.pairs if p.renumbered)

    def counts(self) -> dict[str, int]:
        return {k: self.count(k) for k in ("added", "removed", "changed", "unchanged")} | {
            "renumbered": self.renumbered}

    def line(self) -> str:
        c = self.counts()
        return (f"{self.old_id} -> {self.new_id}: {c['added']} added, {c['removed']} removed, "
                f"{c['changed']} changed, {c['unchanged']} unchanged "
                f"({c['renumbered']} renumbered)")

    def to_dict(self) -> dict:
        return {"old": self.old_id, "new": self.new_id, "counts": self.counts(),
                "paragraphs": [p.to_dict() for p in self.pairs]}


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def match(old: list[Paragraph], new: list[Paragraph], *, floor: float = SAME) -> list[Pair]:
    """Each old paragraph paired with the new one it became (one to one), by content."""
    pairs: list[Pair] = []
    left_new = list(new)
    left_old: list[Paragraph] = []
    by_text: dict[str, list[Paragraph]] = {}
    for p in new:
        by_text.setdefault(" ".join(p.text.split()), []).append(p)
    for p in old:  # identical texts first: most of a final text is its draft's
        same = by_text.get(" ".join(p.text.split()))
        if same:
            q = same.pop(0)
            left_new.remove(q)
            pairs.append(Pair(p, q, 1.0))
        else:
            left_old.append(p)
    tokens = {id(p): words(p.text) for p in left_old + left_new}
    scored: list[tuple[float, int, int]] = []
    for i, p in enumerate(left_old):
        sm = SequenceMatcher(None, autojunk=False)
        sm.set_seq2(tokens[id(p)])
        for j, q in enumerate(left_new):
            sm.set_seq1(tokens[id(q)])
            if sm.real_quick_ratio() >= floor and sm.quick_ratio() >= floor:
                ratio = sm.ratio()
                if ratio >= floor:
                    scored.append((ratio, i, j))
    used_old: set[int] = set()
    used_new: set[int] = set()
    for ratio, i, j in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append(Pair(left_old[i], left_new[j], ratio))
    pairs += [Pair(p, None) for i, p in enumerate(left_old) if i not in used_old]
    pairs += [Pair(None, q) for j, q in enumerate(left_new) if j not in used_new]
    return pairs


def compare(old_id: str, old: list[Paragraph], new_id: str, new: list[Paragraph]
            ) -> Comparison:
    """Every paragraph of both, in the new text's reading order (a removed one where it
    stood in the old)."""
    pairs = match(old, new)

    def key(p: Pair) -> tuple:
        if p.new is not None:
            return (reading_key(p.new.n), 0)
        assert p.old is not None
        return (reading_key(p.old.n), 1)

    return Comparison(old_id, new_id, sorted(pairs, key=key))
