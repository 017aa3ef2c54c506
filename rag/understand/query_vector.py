"""The question's vector: the parts it is embedded in (the question, and the terms
bridged from it into the other language), begun while the question is analysed and
read when the dense search needs it, and their weighted sum."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from concurrent.futures import Future

import numpy as np

from ingest.embedders import weighted

TermGroups = list[dict[str, float]]  # concepts, each a set of alternative weighted terms


class Embedding:
    """A query's part vectors, begun by the analyzer and waited for by the first reader,
    and their weighted sum."""

    def __init__(self, later: Sequence[Future[np.ndarray]], weights: Sequence[float]) -> None:
        self._later = list(later)
        self._weights = tuple(weights)
        self._parts: list[np.ndarray] | None = None
        self._vector: np.ndarray | None = None

    def parts(self) -> list[np.ndarray]:
        if self._parts is None:
            self._parts = [f.result() for f in self._later]
        return self._parts

    def vector(self) -> np.ndarray:
        if self._vector is None:
            self._vector = weighted(self.parts(), self._weights)
        return self._vector


MIN_BUDGET = 24  # tokens: a short question still gets a few alternatives per concept
_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[^\W\u3400-\u9fff]+")


def cost(text: str) -> int:
    """About how many tokens a multilingual model reads: a Chinese character is about one,
    so is a word in a spaced script."""
    return len(_CJK.findall(text)) + len(_WORD.findall(text))


def in_use_order(group: dict[str, float], usage: Callable[[str], float] | None
                 ) -> list[str]:
    """A concept's other-language terms, a name's forms (each weighted fully) in the order
    the documents use them most: the full title of a body that the text then calls by its
    short name (联合国促进性别平等和增强妇女权能署, 妇女署) costs the embedding 17 tokens
    instead of 3, and reads as the documents read. A form counts its own uses, not those
    of a longer form around it (高专办 inside 人权高专办). A word's dictionary senses keep
    their order (the first, the usual sense)."""
    terms = [t for t in group if not t.isascii()]
    names = [t for t in terms if group[t] >= 1.0]
    if usage is None or len(names) < 2:
        return terms
    uses = {t: usage(t) for t in names}
    own = {t: uses[t] - sum(uses[u] for u in names if u != t and t in u) for t in names}
    return sorted(terms, key=lambda t: -own[t] if t in own else 0.0)


def bridged_terms(groups: TermGroups, *, budget: int,
                  usage: Callable[[str], float] | None = None) -> list[str]:
    """The other language's terms of a question's concepts, for its embedding: every
    concept's first term, then the second of each, and so on while the ``budget`` lasts,
    in the question's order. Embedded beside the question, they then take no longer than
    it does (with every alternative of every concept, twice as long at the 95th percentile).
    A term already taken, or inside a term of the same concept (高专办, 人权高专办), adds
    nothing. ``usage``: how much the documents use a term (see ``in_use_order``)."""
    alternatives = [in_use_order(g, usage) for g in groups]
    taken: list[tuple[int, int, str]] = []
    spent = 0
    for round_ in range(max((len(a) for a in alternatives), default=0)):
        for i, terms in enumerate(alternatives):
            if round_ >= len(terms):
                continue
            term = terms[round_]
            if any(t == term or (j == i and (term in t or t in term)) for j, _, t in taken):
                continue
            if round_ and spent + cost(term) + 1 > budget:
                continue
            taken.append((i, round_, term))
            spent += cost(term) + 1
    return [t for _, _, t in sorted(taken)]
