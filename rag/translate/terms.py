"""Curated UN terminology: find known terms in a sentence, inject them, restore them.

The data file (``data/un_terms.tsv``) maps Chinese to the official English name. Rules
(``rules.py``) add what a list cannot hold: session ordinals (第七十五届会议 ->
seventy-fifth session), resolutions (第 44/18 号决议 -> resolution 44/18), general comments,
and dates and large numbers (2020年6月 -> June 2020, 36亿 -> 3.6 billion).
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rag.config import PACKAGE_DATA
from rag.language.rules import EN_RULES, ZH_RULES

DATA_FILE = PACKAGE_DATA / "un_terms.tsv"
WITH_EXTRA_KEPT = 64  # documents' terminologies kept compiled
NAME_KINDS = frozenset({"org", "body", "title", "mechanism", "instrument", "programme",
                        "event", "person", "place"})
OFFICIAL = "official"  # learnt from official versions stored in two languages
_SPACE_HAN = re.compile(r"(?<=[\u3400-\u9fff\uff08\uff09《》“”，、；：])[ \t]+|"
                        r"[ \t]+(?=[\u3400-\u9fff\uff08\uff09《》“”，、；：])")


@dataclass(frozen=True)
class Term:
    zh: str
    en: str
    kind: str = "concept"
    alt: tuple[str, ...] = ()

    def forms(self, lang: str) -> tuple[str, ...]:
        """Accepted written forms in ``lang``; the first is the one injected."""
        return (self.en, *self.alt) if lang == "en" else (self.zh,)

    @property
    def is_name(self) -> bool:
        return self.kind in NAME_KINDS


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    term: Term


@dataclass
class Terminology:
    terms: list[Term]
    version: str = "unversioned"
    number_rules: bool = True  # dates and large numbers injected in the target's form
    _pattern: dict[str, re.Pattern[str]] = field(default_factory=dict, repr=False)
    _with: dict[tuple[Term, ...], Terminology] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def load(cls, path: Path = DATA_FILE) -> Terminology:
        terms: list[Term] = []
        version = "unversioned"
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.startswith("# version:"):
                version = line.split(":", 1)[1].strip()
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            alt = tuple(a for a in (cols[3].split("|") if len(cols) > 3 else []) if a)
            terms.append(Term(cols[0], cols[1], cols[2] if len(cols) > 2 else "concept", alt))
        return cls(terms, version)

    def with_extra(self, extra: Iterable[Term]) -> Terminology:
        """These terms and a document's own. The same extra gives the same object, so its
        patterns are compiled once (a fresh one per cached lookup cost 24 ms to check)."""
        key = tuple(extra)
        if not key:
            return self
        with self._lock:
            found = self._with.get(key)
            if found is None:
                known = {t.zh for t in key}
                found = Terminology([*key, *(t for t in self.terms if t.zh not in known)],
                                    f"{self.version}+doc", self.number_rules)
                if len(self._with) >= WITH_EXTRA_KEPT:  # the oldest document's goes
                    self._with.pop(next(iter(self._with)))
                self._with[key] = found
            return found

    def pattern(self, lang: str) -> re.Pattern[str]:
        if lang not in self._pattern:
            forms = {g for t in self.terms for f in t.forms(lang)
                     if len(f) >= 2 and not f.startswith("the ") for g in _cased(f, lang)}
            alts = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
            self._pattern[lang] = (re.compile(alts) if lang == "zh" else
                                   re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])"))
        return self._pattern[lang]

    def find(self, text: str, lang: str) -> list[Match]:
        """Known terms of ``text`` (already normalised), longest first, not overlapping."""
        by_form = {g: t for t in reversed(self.terms) for f in t.forms(lang)[1:]
                   for g in _cased(f, lang)}
        by_form |= {g: t for t in reversed(self.terms)  # a term's own name wins
                    for g in _cased(t.forms(lang)[0], lang)}
        cands = [Match(m.start(), m.end(), by_form[m.group()])
                 for m in self.pattern(lang).finditer(text)]
        for rx, make, kind in ZH_RULES if lang == "zh" else EN_RULES:
            if kind == "number" and not self.number_rules:
                continue
            for m in rx.finditer(text):
                other = make(m)
                if other:
                    zh, en = (m.group(), other) if lang == "zh" else (other, m.group())
                    cands.append(Match(m.start(), m.end(), Term(zh, en, kind)))
        chosen: list[Match] = []
        for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
            if all(c.end <= o.start or c.start >= o.end for o in chosen):
                chosen.append(c)
        return sorted(chosen, key=lambda c: c.start)

    def version_for(self, text: str, lang: str) -> str:
        """The version a translation of ``text`` is stored under: terms learnt from
        official versions (``kind="official"``) that ``text`` uses join it, so a sentence
        they change is translated again and every other keeps its stored translation."""
        if not any(t.kind == OFFICIAL for t in self.terms):
            return self.version
        learnt = sorted({f"{m.term.zh}={m.term.en}" for m in self.find(normalise(text, lang), lang)
                         if m.term.kind == OFFICIAL})
        if not learnt:
            return self.version
        digest = hashlib.sha256("|".join(learnt).encode("utf-8")).hexdigest()[:8]
        return f"{self.version}+official-{digest}"

    def names(self, lang: str) -> list[tuple[str, Term]]:
        """Written forms of proper names (for spotting names a source does not contain)."""
        return [(f, t) for t in self.terms if t.is_name for f in t.forms(lang)
                if len(f) >= 2 and (lang == "zh" or f[0].isupper() or f[0] in "#")]


def _cased(form: str, lang: str) -> tuple[str, ...]:
    """A lower-case English term also matches at the start of a sentence."""
    if lang == "en" and form[:1].islower():
        return (form, form[0].upper() + form[1:])
    return (form,)


def normalise(text: str, lang: str) -> str:
    """Drop the spaces Chinese typesetting puts around Latin words and numbers."""
    text = " ".join(text.split())
    return _SPACE_HAN.sub("", text) if lang == "zh" else text


def inject(text: str, matches: list[Match], tgt_lang: str, *, placeholders: bool = False) -> str:
    """Replace each matched term by its target form (dropping 《》 around a title), or by a
    numbered marker [1], [2]… (dates and numbers always by their target form)."""
    out: list[str] = []
    pos = 0
    for i, m in enumerate(matches, 1):
        start, end = m.start, m.end
        if start > 0 and end < len(text) and text[start - 1] == "《" and text[end] == "》":
            start, end = start - 1, end + 1
        form = m.term.forms(tgt_lang)[0]
        if placeholders and m.term.kind != "number":
            form = f"[{i}]"
        left = "".join(out) + text[pos:start]
        if tgt_lang == "en" and left and (left[-1].isalnum() and left[-1].isascii()):
            form = " " + form
        if tgt_lang == "en" and end < len(text) and text[end].isascii() and text[end].isalnum():
            form = form + " "
        out.append(text[pos:start] + form)
        pos = end
    return "".join(out) + text[pos:]


def restore(output: str, matches: list[Match], tgt_lang: str, *,
            placeholders: bool = False) -> str:
    """Put back the exact injected form where the model changed only case or spacing, or
    the term for its marker."""
    for i, m in enumerate(matches, 1):
        form = m.term.forms(tgt_lang)[0]
        if placeholders and m.term.kind != "number":
            output = re.sub(rf"[\[【]\s*{i}\s*[\]】]", _constant(form), output)
            continue
        if form in output:
            continue
        loose = r"\s*".join(re.escape(ch) for ch in form.replace(" ", ""))
        output = re.sub(loose, _constant(form), output, count=1, flags=re.I)
    return output


def _constant(text: str) -> Callable[[re.Match[str]], str]:
    """A replacement that inserts ``text`` literally (no backslash escapes)."""
    return lambda _m: text
