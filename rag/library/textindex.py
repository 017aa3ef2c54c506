"""Where a string occurs in many texts, found without scanning them.

Every character position is filed under the trigram that starts there, sorted once
(a k-gram index over code points). A search jumps to the positions of its first three
characters and checks the rest in one vectorised step per character; at a hundred
times the seed (4.7 million characters) a term costs microseconds instead of the
milliseconds of ``str.find`` over all the text, and restricting it to some documents
is a mask, not another copy of their text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

_SHIFT = 21  # code points fit in 21 bits: three fit in a uint64
_CACHE_CAP = 4_000_000  # occurrence rows kept across terms (int32s)


class TextIndex:
    """Texts (rows) joined by NUL; ``rows(term)`` is the row of each occurrence."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.joined = "\0".join(texts) + "\0\0"  # every real character starts a trigram
        self.ends = np.cumsum([len(t) + 1 for t in texts], dtype=np.int64)
        chars = np.frombuffer(self.joined.encode("utf-32-le"), dtype=np.uint32)
        codes = chars[:-2].astype(np.uint64)
        codes <<= 2 * _SHIFT
        middle = chars[1:-1].astype(np.uint64)
        middle <<= _SHIFT
        codes |= middle
        del middle
        codes |= chars[2:]
        order = np.argsort(codes)
        codes.sort()  # in place: a sorted copy beside the original was the peak
        self._codes = codes
        self._pos = order.astype(np.int32 if len(order) < 2**31 else np.int64)
        del order
        # narrow enough to check against, a quarter of the memory when nothing is above BMP
        self._chars = chars.astype(np.uint16) if chars.max(initial=0) < 1 << 16 else chars
        self._cache: dict[str, np.ndarray] = {}
        self._cached = 0

    def __len__(self) -> int:
        return len(self.ends)

    def text(self, row: int) -> str:
        start = int(self.ends[row - 1]) if row else 0
        return self.joined[start : int(self.ends[row]) - 1]

    def rows(self, term: str) -> np.ndarray:
        """The row of every non-overlapping occurrence of ``term`` (as ``str.count``
        counts them), ascending; an empty term occurs once in every row."""
        found = self._cache.get(term)  # once: another thread may clear the cache meanwhile
        if found is None:
            if self._cached > _CACHE_CAP:
                self._cache.clear()
                self._cached = 0
            found = self._cache[term] = self._rows(term)
            self._cached += len(found) + 1
        return found

    def _rows(self, term: str) -> np.ndarray:
        if not term:
            return np.arange(len(self), dtype=np.int64)
        if "\0" in term:
            return np.empty(0, dtype=np.int64)
        pos = np.sort(self.positions(term))
        rows = np.searchsorted(self.ends, pos, side="right")
        if len(term) > 1 and len(pos) > 1 and bool((np.diff(pos) < len(term)).any()):
            # overlaps ("aaa" in "aaaa"): count as str.count; an occurrence never spans
            # the NUL between rows, so occurrences in two rows never overlap
            keep, last = [], -len(term)
            for i, p in enumerate(pos.tolist()):
                if p >= last + len(term):
                    keep.append(i)
                    last = p
            rows = rows[keep]
        return rows

    def positions(self, term: str) -> np.ndarray:
        """Every start of ``term`` in the joined text (overlapping ones too), unsorted."""
        code = [ord(c) for c in term]
        head = code[:3]
        low = 0
        for c in head:
            low = (low << _SHIFT) | c
        free = 3 - len(head)  # a short term: every trigram it begins
        low <<= _SHIFT * free
        high = low + (1 << (_SHIFT * free))
        bounds = np.array([low, high], dtype=np.uint64)  # never via float64
        lo, hi = np.searchsorted(self._codes, bounds, side="left")
        pos: np.ndarray = self._pos[lo:hi]
        for k in range(3, len(code)):
            if not len(pos):
                break
            pos = pos[np.less(pos, len(self._chars) - k)]
            pos = pos[self._chars[pos + k] == code[k]]
        return pos


class TextView:
    """Some rows of an index, as text to search: a snapshot's paragraphs, or those of the
    documents a question is about. ``allowed``: a flag per row (None: every row);
    ``form``: how a term is written to look it up (as the index's texts were)."""

    def __init__(self, index: TextIndex, allowed: np.ndarray | None = None, *,
                 form: Callable[[str], str] = str.lower) -> None:
        self.index = index
        self.allowed = allowed
        self.form = form

    def _rows(self, term: str) -> np.ndarray:
        rows = self.index.rows(term)
        return rows if self.allowed is None else rows[self.allowed[rows]]

    def count(self, term: str) -> int:
        """Occurrences of ``term``, counted as ``str.count`` would."""
        return len(self._rows(self.form(term)))

    def __contains__(self, term: object) -> bool:
        return isinstance(term, str) and len(self._rows(self.form(term))) > 0

    def written(self, phrase: str) -> bool:
        """The phrase as whole words (no letter either side)."""
        key = self.form(phrase)
        pattern = re.compile(rf"(?<![a-z]){re.escape(key)}(?![a-z])")
        return any(pattern.search(self.index.text(int(r)))
                   for r in np.unique(self._rows(key)))
