"""Bridge English questions to Chinese search terms through a reversed CC-CEDICT.

Every English gloss of a dictionary headword (1-3 content words, stemmed) points back
to that headword. A question's phrases, longest first, become the headwords that
occur in the corpus, each weighted 1/sqrt(K) among its K candidates. Numbers,
years, acronyms and Latin names pass through unchanged.
"""

from __future__ import annotations

import math
import re
from typing import Protocol

from rag.language.tokens import english_stemmer

_WORD = re.compile(r"[A-Za-z][A-Za-z\-]*(?:'[A-Za-z]+)?|\d+(?:[.,]\d+)*(?:%|(?:st|nd|rd|th)\b|\b)")
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_ORDINAL_WORDS = {w: i for i, w in enumerate(
    "_ _ _ third fourth fifth sixth seventh eighth ninth tenth".split()) if w != "_"}
_PARTICLES = {"together", "up", "out", "off", "down", "over", "back", "on", "in", "away",
              "forward", "through"}
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")
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
# English stem phrase -> [(simplified headword, exact gloss, proper name)]
ReverseIndex = dict[tuple[str, ...], list[tuple[str, bool, bool]]]
Concept = tuple[str, dict[str, float], list[str]]  # phrase, terms found, all translations
CONCEPTS_KEPT = 512  # questions whose concepts a bridge keeps


class Countable(Protocol):
    def count(self, term: str, /) -> int: ...


def content_stems(text: str) -> list[str]:
    words = [_POSSESSIVE.sub("", w.lower()) for w in _WORD.findall(text)]
    words = [w for w in words if w not in EN_STOP and not w[0].isdigit()]
    return english_stemmer().stemWords(words)


class TermBridge:
    """English question -> weighted Chinese (and pass-through) search terms.

    ``terms`` maps the content stems of official English names ("right to development",
    "OHCHR") to their Chinese forms; a curated name wins over the dictionary's guesses."""

    def __init__(self, reverse: ReverseIndex, corpus: Countable, *, per_phrase: int = 3,
                 max_len: int = 3, terms: dict[tuple[str, ...], list[str]] | None = None,
                 names: dict[tuple[str, ...], list[str]] | None = None,
                 bodies: set[str] | None = None, orgs: set[str] | None = None) -> None:
        self.reverse = reverse
        self.corpus = corpus  # the documents' text (a str, or a view of an index)
        self.per_phrase = per_phrase
        self.max_len = max_len
        self.terms = terms or {}
        self.names = names or {}  # the curated names of bodies, offices, mandates
        self.bodies = bodies or set()  # the Chinese names of bodies and agencies
        self.orgs = orgs or set()  # … and of funds, programmes and mechanisms
        self.zh_names = sorted({h for forms in self.names.values() for h in forms},
                               key=len, reverse=True)
        self.terms_len = max((len(k) for k in self.terms), default=0)
        self._counts: dict[str, int] = {}
        self._concepts: dict[str, list[Concept]] = {}

    def _freq(self, term: str) -> int:
        if term not in self._counts:
            self._counts[term] = self.corpus.count(term)
        return self._counts[term]

    def terms_for(self, question: str) -> dict[str, float]:
        out: dict[str, float] = {}
        for _, found in self.glosses(question):
            for term, weight in found.items():
                out[term] = max(out.get(term, 0.0), weight)
        return out

    def glosses(self, question: str) -> list[tuple[str, dict[str, float]]]:
        """(English phrase, {search term: weight}) for each phrase that found terms."""
        return [(phrase, found) for phrase, found, _ in self.concepts(question) if found]

    def absent(self, question: str) -> list[tuple[str, list[str]]]:
        """Phrases that do translate (curated name, or an exact dictionary sense) but
        whose translations occur nowhere in the corpus: (phrase, translations)."""
        return [(phrase, heads) for phrase, found, heads in self.concepts(question)
                if heads and not found]

    def name_matches(self, question: str) -> list[tuple[str, list[str]]]:
        """Curated names (a UN body, a mandate) in an English question: (phrase, the
        Chinese forms), longest first at each position."""
        words = [_POSSESSIVE.sub("", t) for t in _WORD.findall(question) if not t[0].isdigit()]
        kept = [w for w in words if w.lower() not in EN_STOP]
        stems = english_stemmer().stemWords([w.lower() for w in kept])
        out = []
        i = 0
        while i < len(stems):
            for n in range(min(self.terms_len, len(stems) - i), 0, -1):
                named = self.names.get(tuple(stems[i : i + n]))
                titled = kept[i][:1].isupper()  # a name ("Special Rapporteur on…"), not a word
                if named and titled and (n >= 2 or kept[i].isupper()):
                    out.append((" ".join(kept[i : i + n]), list(named)))
                    i += n
                    break
            else:
                i += 1
        return out

    def absent_names(self, question: str) -> list[str]:
        """Curated names in the question that no stored document mentions, even where a
        shorter phrase inside them does translate."""
        return [phrase for phrase, forms in self.name_matches(question)
                if not any(self._freq(h) for h in forms)]

    def absent_compounds(self, question: str) -> list[str]:
        """Two- and three-word phrases that the dictionary translates as one word which no
        document uses ("death penalty", "credit card"), even where their words translate
        one by one. A phrase whose translation only narrows a found word ("case studies":
        经典案例 holds 案例) is no new concept, and phrasal verbs ("pulls together") none."""
        words = [_POSSESSIVE.sub("", t) for t in _WORD.findall(question) if not t[0].isdigit()]
        kept = [w for w in words if w.lower() not in EN_STOP]
        stems = english_stemmer().stemWords([w.lower() for w in kept])
        out = []
        for i in range(len(stems)):
            for n in (3, 2):
                key = tuple(stems[i : i + n])
                if len(key) < n or kept[i + n - 1].lower() in _PARTICLES:
                    continue
                heads = [h for h, exact, _ in self.reverse.get(key, []) if exact and len(h) >= 2]
                if not heads or any(self._freq(h) for h in heads):
                    continue
                parts = {t for s in key for t in self._lookup((s,))}
                if not any(h.endswith(p) for p in parts for h in heads):  # 案例 heads 经典案例
                    out.append(" ".join(kept[i : i + n]))
                    break
        return out

    def concepts(self, question: str) -> list[Concept]:
        """(phrase, search terms found in the corpus, every known translation). Kept per
        question: routing, the search terms, the bridged vector and the refusal checks each
        ask it of the same question (five times on average)."""
        kept = self._concepts.get(question)
        if kept is None:
            if len(self._concepts) >= CONCEPTS_KEPT:
                self._concepts.clear()
            kept = self._concepts[question] = self._read(question)
        return list(kept)

    def _read(self, question: str) -> list[Concept]:
        out: list[Concept] = []
        tokens = _WORD.findall(question)
        for tok in tokens:
            ordinal = _ORDINAL.match(tok)
            low = tok.lower()
            span = re.fullmatch(r"(\w+)-(year|month|week|day)s?", low)
            if ordinal:  # 36th: Chinese writes 第三十六届
                n = int(ordinal.group(1))
                out.append((tok, {str(n): 1.0, _zh_number(n): 1.0}, []))
            elif low in _ORDINAL_WORDS:  # the fourth cycle: 第四
                out.append((tok, {"第" + _zh_number(_ORDINAL_WORDS[low]): 1.0}, []))
            elif span and span.group(1) in _NUMBER_WORDS:  # a four-year project: 四年
                n = _NUMBER_WORDS[span.group(1)]
                unit = {"year": "年", "month": "个月", "week": "周", "day": "天"}[span.group(2)]
                out.append((tok, {("两" if n == 2 else _zh_number(n)) + unit: 1.0}, []))
            elif _passes_through(tok):
                out.append((tok, {tok.lower().replace(",", ""): 1.0}, []))
            elif tok.lower() in MONTHS:
                out.append((tok, {f"{MONTHS[tok.lower()]}月": 1.0}, []))
        words = [_POSSESSIVE.sub("", t) for t in tokens if not t[0].isdigit()]
        stems = english_stemmer().stemWords([w.lower() for w in words])
        kept = [(w, s) for w, s in zip(words, stems) if w.lower() not in EN_STOP]
        i = 0
        while i < len(kept):
            n, found, heads = self._longest(tuple(s for _, s in kept[i:]))
            if n:
                out.append((" ".join(w for w, _ in kept[i : i + n]), found, heads))
            i += n if found else 1  # an absent phrase's words may still translate alone
        return out

    def _longest(self, stems: tuple[str, ...]) -> tuple[int, dict[str, float], list[str]]:
        """The longest phrase at the start of ``stems`` whose translation occurs in the
        corpus, curated names first at equal length; failing that, the longest phrase
        that translates at all. (length, found terms, all translations)."""
        absent: tuple[int, dict[str, float], list[str]] = (0, {}, [])
        for n in range(min(max(self.max_len, self.terms_len), len(stems)), 0, -1):
            key = stems[:n]
            named = self.terms.get(key, [])
            found = {h: 1.0 for h in named if self._freq(h)}
            heads = list(named)
            if not found and n <= self.max_len:
                found = self._lookup(key)
                heads = heads or [h for h, exact, _ in self.reverse.get(key, [])
                                  if exact and len(h) >= 2]
            if found:
                return n, found, heads
            if heads and not absent[0]:
                absent = (n, {}, heads)
        return absent

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


def term_keys(pairs: list[tuple[str, list[str]]]) -> dict[tuple[str, ...], list[str]]:
    """(Chinese form, English forms) pairs -> {English content stems: Chinese forms}."""
    out: dict[tuple[str, ...], list[str]] = {}
    for zh, forms in pairs:
        for form in forms:
            key = tuple(content_stems(form))
            if not key or (len(key) == 1 and len(_WORD.findall(form)) > 1):
                continue  # "we the peoples" is no name for every "people"
            if zh not in out.setdefault(key, []):
                out[key].append(zh)
    return out


def _zh_number(n: int) -> str:
    """1..99 in Chinese numerals: 36 -> 三十六."""
    digits = "零一二三四五六七八九"
    tens, unit = divmod(n, 10)
    if not tens:
        return digits[unit]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[unit] if unit else "")


def _passes_through(tok: str) -> bool:
    """Numbers, acronyms (COVAX, TRIPS) and mixed tokens (COVID-19, G5) keep their form."""
    if tok[0].isdigit():
        return True
    letters = [c for c in tok if c.isalpha()]
    return (len(letters) >= 2 and all(c.isupper() for c in letters)) or any(
        c.isdigit() for c in tok
    )
