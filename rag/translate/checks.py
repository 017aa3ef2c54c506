"""Checks a translation must pass before it is shown as a translation.

Each check returns True when it passes. ``Checker.check`` returns the names that failed:
numbers, terms, foreign_names, similarity, repetition, length, echo, untranslated, empty,
and for zh->en voice and polarity (``meaning.py``) and roles (``roles.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from rag.base import Translation
from rag.translate import facts as F
from rag.translate.meaning import polarity_ok, voice_ok
from rag.translate.roles import roles_ok
from rag.translate.terms import Match, Terminology, normalise

# calibrated on eval/translation/reference.jsonl (tuning part): see eval/translation/README.md
DEFAULT_SIMILARITY = 0.81
_HAN = re.compile(r"[\u3400-\u9fff]")
_ORG_HEADS = ("Bank|Fund|Organization|Organisation|Programme|Program|Council|Commission|"
              "Committee|Office|Agency|Union|Forum|Court|Assembly|Institute|Network|"
              "Alliance|Group|Conference|Initiative|Mission|Mechanism|Entity|Centre|Center|"
              "Facility|Partnership|Federation|Foundation|Association|Board|Authority|Ministry")
_TITLES = re.compile(r"\b(?:Secretary-General|High Commissioner|Special Rapporteur|Independent "
                     r"Expert|Special Adviser|Special Envoy|High Representative|Director-General|"
                     r"Deputy High Commissioner|Under-Secretary-General|President of the)\b")
_ORG = re.compile(rf"\b((?:[A-Z][\w'’-]*\s+(?:(?:of|for|on|and|the|in|to|de|la)\s+)*)+)"
                  rf"(?:{_ORG_HEADS})\b")
_NOT_NAME = {"The", "This", "That", "These", "Its", "Their", "In", "On", "At", "A", "An", "As",
             "By", "With", "For", "Under", "Through", "Both", "Each", "Such"}
_ECHO = re.compile(r"(?i)\btranslation\s*[:：]|here is the|the (english|chinese) translation|"
                   r"\b(chinese|english) text\b|user's text|united nations documents|<\|im_|"
                   r"^\s*(english|chinese|中文|英文|译文)\s*[:：]|翻译")
_EN_WORD = re.compile(r"[A-Za-z]{3,}")
_MARKS = re.compile(r"\[\s*¶?\s*\d+\s*\]|【\s*\d+\s*】|¶")

Embed = Callable[[list[str]], np.ndarray]


def _mask(text: str, forms: list[str], flags: int = 0) -> str:
    for form in sorted(set(forms), key=len, reverse=True):
        text = re.sub(re.escape(form), lambda m: " " * len(m.group()), text, flags=flags)
    return text


class Checker:
    def __init__(self, terms: Terminology, *, embed: Embed | None = None,
                 similarity_threshold: float = DEFAULT_SIMILARITY) -> None:
        self.terms = terms
        self.embed = embed
        self.threshold = similarity_threshold

    def similarity(self, source: str, output: str) -> float | None:
        if self.embed is None:
            return None
        vecs = np.asarray(self.embed([source, output]), dtype=np.float32)
        a, b = vecs[0], vecs[1]
        return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-9))

    def recheck(self, t: Translation, terms: Terminology) -> Translation:
        """A stored translation through today's checks: one that a check added since it
        was stored fails is withheld. Its stored similarity stands (no embedding here)."""
        if not t.shown:
            return t
        source = normalise(t.source, t.src_lang)
        failed, _ = self.check(source, t.text, t.src_lang, t.tgt_lang,
                               terms.find(source, t.src_lang), terms, similarity=False)
        return replace(t, shown=False, failed=failed) if failed else t

    def check(self, source: str, output: str, src_lang: str, tgt_lang: str, matches: list[Match],
              terms: Terminology | None = None, *, similarity: bool = True
              ) -> tuple[list[str], float | None]:
        """(failed check names, similarity) for ``output`` as a translation of ``source``."""
        if not output.strip():
            return ["empty"], None
        terms = terms or self.terms
        failed = [name for name, ok in (
            ("numbers", self.numbers_ok(source, output, src_lang, tgt_lang, matches)),
            ("terms", self.terms_ok(output, tgt_lang, matches)),
            ("foreign_names", self.foreign_ok(output, tgt_lang, matches, terms)),
            ("repetition", self.repetition_ok(output, tgt_lang)),
            ("length", self.length_ok(source, output, src_lang, tgt_lang)),
            ("echo", self.echo_ok(source, output)),
            ("untranslated", self.untranslated_ok(source, output, tgt_lang, matches)),
            ("voice", src_lang != "zh" or voice_ok(source, output)),
            ("polarity", src_lang != "zh" or polarity_ok(source, output)),
            ("roles", src_lang != "zh" or roles_ok(source, output, matches)),
        ) if not ok]
        sim = self.similarity(source, output) if similarity else None
        if sim is not None and sim < self.threshold:
            failed.append("similarity")
        return failed, sim

    @staticmethod
    def numbers_ok(source: str, output: str, src_lang: str, tgt_lang: str,
                   matches: list[Match]) -> bool:
        """Every number, date, percentage, symbol and acronym kept; no number added."""
        names = [m for m in matches if m.term.kind != "number"]  # dates are checked here
        src = _mask(source, [source[m.start:m.end] for m in names])
        forms = [f for m in names for f in m.term.forms(tgt_lang)]
        if tgt_lang == "zh":  # Chinese spacing is typesetting only
            output, forms = re.sub(r"\s+", "", output), [re.sub(r"\s+", "", f) for f in forms]
        out = _mask(output, forms, re.I)
        missing, extra = F.compare(F.facts(src, src_lang, strict=True),
                                   F.facts(out, tgt_lang, strict=False),
                                   F.facts(out, tgt_lang, words=False))
        latin = F.latin_tokens(src) if src_lang == "zh" else F.acronyms(src)
        flat = re.sub(r"\s+", "", output)
        return not missing and not extra and all(tok in flat for tok in latin)

    @staticmethod
    def terms_ok(output: str, tgt_lang: str, matches: list[Match]) -> bool:
        """Every known term of the source appears in one of its accepted target forms."""
        joiner = " " if tgt_lang == "en" else ""  # Chinese spacing is typesetting only

        def flat(text: str) -> str:
            return joiner.join(text.lower().replace("’", "'").split())

        out = flat(output)
        return all(any(flat(f) in out for f in m.term.forms(tgt_lang)) for m in matches
                   if m.term.kind != "number")  # numbers have their own check

    @staticmethod
    def foreign_ok(output: str, tgt_lang: str, matches: list[Match], terms: Terminology) -> bool:
        """No organisation, title or place that the source does not name."""
        own = [f for m in matches for f in m.term.forms(tgt_lang)]
        out = _mask(output, own, re.I if tgt_lang == "en" else 0)
        for form, _ in terms.names(tgt_lang):
            if (form in out if tgt_lang == "zh" else
                    re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", out)):
                return False
        if tgt_lang != "en":
            return True
        if _TITLES.search(out):
            return False
        for m in _ORG.finditer(out):
            words = [w for w in m.group(1).split() if w[0].isupper() and w not in _NOT_NAME]
            if words:
                return False
        return True

    @staticmethod
    def repetition_ok(output: str, tgt_lang: str) -> bool:
        """No phrase (4 words, 6 characters) repeated three times, no sentence twice."""
        units = output.split() if tgt_lang == "en" else list(output.replace(" ", ""))
        n = 4 if tgt_lang == "en" else 6
        grams = Counter(tuple(units[i:i + n]) for i in range(len(units) - n + 1))
        sentences = [s.strip() for s in re.split(r"[.;。；]", output) if len(s.strip()) > 15]
        return (not grams or max(grams.values()) < 3) and len(sentences) == len(set(sentences))

    @staticmethod
    def length_ok(source: str, output: str, src_lang: str, tgt_lang: str) -> bool:
        """Within half the shortest and 1.5 times the longest length ratio of the references
        (zh->en 2.5-5.5 characters of English per Chinese character; en->zh 0.25-0.38)."""
        ratio = len(output) / max(1, len(source))
        low, high = {("zh", "en"): (1.25, 8.2), ("en", "zh"): (0.12, 0.57)}.get(
            (src_lang, tgt_lang), (0.1, 10.0))
        return low <= ratio <= high

    @staticmethod
    def echo_ok(source: str, output: str) -> bool:
        """No prompt words, chat markers, citation-like marks or the source itself."""
        if any(m not in source for m in _MARKS.findall(output)):
            return False  # a citation-like mark the source lacks: citations are never a model's
        return not _ECHO.search(output) and source.strip() not in output

    @staticmethod
    def untranslated_ok(source: str, output: str, tgt_lang: str, matches: list[Match]) -> bool:
        """Nothing left in the source language."""
        if tgt_lang == "en":
            return not _HAN.search(output)
        words = _EN_WORD.findall(source)  # names and acronyms may stay; not a capital first word
        allowed = {w.lower() for i, w in enumerate(words) if not w.islower() and (i or w.isupper())}
        out = _mask(output, [f for m in matches for f in m.term.forms("zh")])
        return all(w.lower() in allowed for w in _EN_WORD.findall(out))
