"""Terms learnt from official versions stored in two languages: where a report's Chinese
and English paragraphs of one number share a Chinese phrase and an English phrase more
often than chance, and the dictionary agrees on both sides (every Chinese word has a
gloss in the English phrase, every English word a gloss among the Chinese words), the
pair becomes a term (``kind="official"``) for translating the other documents.

Only multi-word English phrases are kept: single words the model translates well
already, and a forced single word would withhold good translations ("developing" for
发展). Pass the result as ``extra_terms``; see ``Terminology.version_for``.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from rag.language.bridge import EN_STOP, content_stems
from rag.language.tokens import pos_tags
from rag.translate.terms import OFFICIAL, Term, Terminology, normalise

if TYPE_CHECKING:
    from ingest.base import Paragraph
    from rag.library.snapshot import Snapshot

_HAN = re.compile(r"[\u3400-\u9fff]+")
_EN = re.compile(r"[A-Za-z][A-Za-z\-]*")
_FUNCTION = set("的之和与及或并在对于为将")  # Chinese words that need no English gloss
Glosses = Mapping[str, frozenset[str]]  # Chinese headword -> English gloss stems


def _zh_phrases(text: str) -> set[str]:
    """Nouns of three or more characters, and runs of two to four words that end on a
    noun or an adjective and start on neither a preposition, a conjunction, an adverb
    nor a particle."""
    tagged = pos_tags(text)
    out = set()
    for i in range(len(tagged)):
        for n in (1, 2, 3, 4):
            run = tagged[i:i + n]
            if len(run) < n or not all(_HAN.fullmatch(w) for w, _ in run):
                continue
            phrase = "".join(w for w, _ in run)
            first, last = run[0], run[-1]
            if len(phrase) >= (3 if n == 1 else 4) and last[1][:1] in "na" \
                    and first[1][:1] not in "pcud" and first[0] not in _FUNCTION:
                out.add(phrase)
    return out


def _en_phrases(text: str) -> set[str]:
    """Two to five words, neither end a stopword."""
    words = _EN.findall(text)
    out = set()
    for n in range(2, 6):
        for i in range(len(words) - n + 1):
            run = words[i:i + n]
            if run[0].lower() not in EN_STOP and run[-1].lower() not in EN_STOP:
                out.add(" ".join(run))
    return out


def _close(a: str, b: str) -> bool:
    """One stem the other's, or both from one root (african/africa, descent/descend)."""
    n = min(len(a), len(b), 5)
    return (n >= 4 and a[:n] == b[:n]) or a == b


def _agrees(glossed: list[frozenset[str]], stems: list[str]) -> bool:
    """Every Chinese word (its gloss stems) has a gloss among the English stems, and
    every English stem a gloss among the Chinese words."""
    if not stems or not glossed:
        return False
    every_word = all(any(_close(s, g) for s in stems for g in gs) for gs in glossed)
    every_stem = all(any(_close(s, g) for gs in glossed for g in gs) for s in stems)
    return every_word and every_stem


def mine_official_terms(pairs: Iterable[tuple[str, str]], base: Terminology, glosses: Glosses,
                        *, min_pairs: int = 2, min_dice: float = 0.6) -> list[Term]:
    """Terms from (Chinese paragraph, English paragraph) pairs of the same number."""
    zh_at: dict[str, set[int]] = defaultdict(set)
    en_at: dict[str, set[int]] = defaultdict(set)
    en_in: list[set[str]] = []
    for i, (zh, en) in enumerate(pairs):
        for p in _zh_phrases(normalise(zh, "zh")):
            zh_at[p].add(i)
        phrases = _en_phrases(en)
        en_in.append(phrases)
        for p in phrases:
            en_at[p.lower()].add(i)
    known_zh = {t.zh for t in base.terms}
    known_en = {f.lower() for t in base.terms for f in t.forms("en")}
    stems_of: dict[str, list[str]] = {}  # each English phrase stemmed once
    scored: list[tuple[float, int, str, str]] = []
    for zh, at in zh_at.items():
        if len(at) < min_pairs or any(zh in k or k in zh for k in known_zh if len(k) >= 2):
            continue
        glossed = [glosses.get(w, frozenset()) for w, _ in pos_tags(zh) if w not in _FUNCTION]
        together = Counter(p.lower() for i in at for p in en_in[i])
        for en, both in together.items():
            dice = 2 * both / (len(at) + len(en_at[en]))
            if both < min_pairs or dice < min_dice or en in known_en:
                continue
            if en not in stems_of:
                stems_of[en] = content_stems(en)
            if _agrees(glossed, stems_of[en]):
                scored.append((dice, len(en.split()), zh, en))
    return _link(scored, en_in)


def _link(scored: list[tuple[float, int, str, str]], en_in: list[set[str]]) -> list[Term]:
    """Best pairs first, each Chinese and each English phrase used once (competitive
    linking), written as the English text most often writes it."""
    written: Counter[str] = Counter(p for phrases in en_in for p in phrases)
    used_zh: set[str] = set()
    used_en: set[str] = set()
    out = []
    for _, _, zh, en in sorted(scored, key=lambda s: (-s[0], -s[1], -len(s[2]), s[2], s[3])):
        if any(zh in z for z in used_zh) or any(f" {en} " in f" {e} " for e in used_en):
            continue
        used_zh.add(zh)
        used_en.add(en)
        forms = [p for p in written if p.lower() == en]
        # a capital that only starts sentences is not part of the term
        form = en if en in forms else max(forms, key=lambda p: (written[p], p))
        out.append(Term(zh, form, OFFICIAL))
    return out


def official_pairs(versions: Mapping[tuple[str, int], Mapping[str, Paragraph]]
                   ) -> list[tuple[str, str]]:
    """(Chinese text, English text) of every paragraph stored in both languages."""
    return [(found["zh"].text, found["en"].text) for found in versions.values()
            if "zh" in found and "en" in found]


class OfficialTerms:
    """The terms that the library's bilingual official versions teach, mined again only
    when the store has changed (a new snapshot)."""

    def __init__(self, snapshot: Callable[[], Snapshot], base: Terminology) -> None:
        self._snapshot = snapshot
        self.base = base
        self._lock = threading.Lock()
        self._seen: weakref.ref[Snapshot] | None = None
        self._terms: tuple[Term, ...] = ()

    def __call__(self) -> tuple[Term, ...]:
        snap = self._snapshot()
        with self._lock:
            if self._seen is None or self._seen() is not snap:
                pairs = official_pairs(snap.versions)
                self._terms = tuple(mine_official_terms(pairs, self.base,
                                                        snap.dictionary.glosses)) if pairs else ()
                self._seen = weakref.ref(snap)
            return self._terms
