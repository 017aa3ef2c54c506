"""A question's slot held against the closest paragraphs.

A filler counts only when it is new (the question does not state it), when its
sentence mentions something the question is about, and when its paragraph holds one of
the question's most specific concepts: a number in a paragraph about something else
answers nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.text import split_sentences
from rag.language.specificity import COMMON_ZIPF, specificity, zipf
from rag.library.corpus import search_form
from rag.understand.base import Query
from rag.understand.slots.fillers import Filler, fillers, new_fillers, numbers_in
from rag.understand.slots.places import chinese_names, countries_in, is_country
from rag.understand.slots.question import Slot

GENERIC_SHARE = 0.4  # a term in more of the paragraphs than this locates nothing
MENTIONS = 2  # how many of the question's concepts a filler's sentence must mention
# a filler's paragraph holds one of the question's most specific concepts: the one for a
# Chinese question; one of three for an English one, whose terms are dictionary guesses
ANCHORS = {"zh": 1, "en": 3}


def coarser(slot: Slot) -> Slot | None:
    """What a partial answer would give: a month for a day, a country for a city…"""
    if slot.kind == "date" and slot.grain in ("day", "month"):
        return replace(slot, grain="year" if slot.grain == "month" else "month")
    if slot.kind == "city":
        return Slot("place")
    if slot.kind == "number" and slot.unit:
        return Slot("number")
    return None


def sentences(text: str) -> list[str]:
    """Sentences, and the lines of a title block as sentences of their own."""
    return [s for line in text.split("\n") for s in split_sentences(line)]


@dataclass
class SlotMatch:
    sentence: str
    fillers: list[Filler]


class SlotMatcher:
    def __init__(self, query: Query) -> None:
        self.query = query
        self.slot = query.slot
        snap = query.corpus
        self.stated = query.text
        self.given = list(query.terms)
        # concepts that locate something: in the corpus, and not in most paragraphs
        # an English question's bridged terms are as specific as its English words
        self.phrase = {t: p for p, terms in query.glosses for t in terms}
        self.focus: list[tuple[list[str], float]] = []  # (alternative terms, specificity)
        for group in query.groups:
            if query.lang == "zh" and group and snap.share(next(iter(group))) > GENERIC_SHARE:
                continue  # 合作 says little; its English forms, rarer only where few
                #           documents are English, say no more (and no Chinese text has them)
            terms = [t for t in group if 0 < snap.share(t) <= GENERIC_SHARE]
            if terms:
                self.focus.append((terms, max(specificity(self.phrase.get(t, t), snap.share(t))
                                              for t in terms)))
        self.needed = min(MENTIONS, len(self.focus))
        self.counted = self._counted_terms(query)
        # countries the question names: a filler about another country answers nothing
        named = [t for t in [*query.terms, *countries_in(query.text)] if is_country(t)]
        self.countries = sorted({zh for t in named for zh in chinese_names(t)})
        # numbers and ordinals the question names ("the 37th session") must be there too
        self.numbers = [terms for terms, _ in self.focus if _numeric(terms)]
        specific = [(terms, rank) for terms, rank in self.focus if self.is_specific(terms)
                    and not self.verbal(terms)]
        specific.sort(key=lambda g: (-g[1], min(zipf(self.phrase.get(t, t)) for t in g[0])))
        self.anchors = [terms for terms, _ in specific[: ANCHORS.get(query.lang, 3)]]

    def _has(self, text: str, terms: list[str]) -> bool:
        low = search_form(text)
        aliases = self.query.corpus.aliases
        return any(t.lower() in low or any(a in text for a in aliases.get(t, ())) for t in terms)

    def mentions(self, text: str) -> int:
        return sum(1 for terms, _ in self.focus if self._has(text, terms))

    def about(self, sentence: str, paragraph: str) -> bool:
        """The sentence mentions what the question is about, and its paragraph mentions
        enough of it (two concepts) and one of its most specific concepts."""
        if not self.anchors:  # nothing specific to go by: the sentence must say it all
            return self.mentions(sentence) >= self.needed
        return (self.mentions(sentence) >= 1 and self.mentions(paragraph) >= self.needed
                and self.anchored(paragraph))

    def verbal(self, terms: list[str]) -> bool:
        """An English verb form ("attended", "urging") translates loosely: no anchor."""
        return all(re.search(r"(?:ed|ing)$", self.phrase.get(t, "")) for t in terms)

    def is_specific(self, terms: list[str]) -> bool:
        """Rare in general use (an English question's terms by their English words), or
        a curated name (人权理事会 for "Human Rights Council")."""
        names = self.query.corpus.bridge.orgs
        return any(t in names for t in terms) or \
            min(zipf(self.phrase.get(t, t)) for t in terms) < COMMON_ZIPF

    def anchored(self, paragraph: str) -> bool:
        """The paragraph holds one of the question's most specific concepts, and one of
        the countries it names."""
        if self.countries and not any(c in paragraph for c in self.countries):
            return False
        if self.numbers and not any(self._has(paragraph, terms) for terms in self.numbers):
            return False
        return not self.anchors or any(self._has(paragraph, terms) for terms in self.anchors)

    def consistent(self, filler: Filler) -> bool:
        """A date filler agrees with the year and month the question states."""
        stated = {t for t in self.given if re.fullmatch(r"\d{1,2}月|(?:19|20)\d\d", t)}
        stated |= set(re.findall(r"(?:19|20)\d\d|\d{1,2}\s*月", self.stated))
        months = {re.sub(r"\s", "", m) for m in stated if m.endswith("月")}
        years = {y for y in stated if not y.endswith("月")}
        text = re.sub(r"\s", "", filler.text)
        month = re.search(r"(?<!\d)(\d{1,2})月", text)
        year = re.search(r"(?:19|20)\d\d", text)
        return (not months or not month or f"{month.group(1)}月" in months) and \
            (not years or not year or year.group() in years)

    def _counted_terms(self, query: Query) -> list[str]:
        """What a "how many" question counts, in the documents' words."""
        slot = query.slot
        if slot is None or slot.kind != "number" or not slot.noun:
            return []
        snap = query.corpus
        if query.lang == "zh":
            return [slot.noun]
        terms = [t for t in snap.bridge.terms_for(slot.noun) if not t.isascii()]
        terms += [w for w in slot.noun.split() if len(w) > 3]
        return [t for t in terms if snap.share(t) <= GENERIC_SHARE]

    def counts_the_noun(self, filler: Filler, sentence: str) -> bool:
        """"12 个案例" for "how many case studies": the number counts what was asked."""
        window = _after(filler, sentence, 8).lower()
        return any(t.lower() in window for t in self.counted)

    def filled(self, sentence: str, paragraph: str, slot: Slot | None = None) -> list[Filler]:
        slot = slot or self.slot
        if slot is None or not self.focus:
            return []
        snap = self.query.corpus
        found = new_fillers(slot, sentence, self.stated, self.given, snap.dictionary)
        if slot.kind in ("org", "agent", "funder"):  # curated names: 建设和平基金
            found += [Filler("org", b) for b in snap.bridge.orgs if b in sentence
                      and b not in self.stated and b not in self.given]
        found = [f for f in found if f.value or snap.share(f.text) <= GENERIC_SHARE]
        if slot.kind == "date":  # "which day in March 2021": a day of that month
            found = [f for f in found if self.consistent(f)]
        if slot.of:  # "of the 228 letters, how many…": a count of letters, not of anything
            found = [f for f in found if slot.of in _after(f, sentence, 8)]
        if self.about(sentence, paragraph):
            return found
        return [f for f in found if slot is self.slot and self.counts_the_noun(f, sentence)]

    def partial(self, paragraph: str, slot: Slot) -> SlotMatch | None:
        """A coarser filler for a refusal to point to: the one the question itself names
        ("in March 2021" -> 2021 年 3 月), else the one in the sentence most about it."""
        stated = numbers_in(self.stated) | {n for t in self.given for n in numbers_in(t)}
        ranked: list[tuple[bool, int, SlotMatch]] = []
        for sentence in sentences(paragraph):
            found = fillers(slot, sentence, self.query.corpus.dictionary)
            if not found or not self.about(sentence, paragraph):
                continue
            named = [f for f in found if numbers_in(f.text) and numbers_in(f.text) <= stated]
            ranked.append((bool(named), self.mentions(sentence), SlotMatch(sentence,
                                                                            named or found)))
        ranked.sort(key=lambda r: (not r[0], -r[1]))
        return ranked[0][2] if ranked else None

    def first(self, paragraph: str, slot: Slot | None = None) -> SlotMatch | None:
        for sentence in sentences(paragraph):
            found = self.filled(sentence, paragraph, slot)
            if found:
                return SlotMatch(sentence, found)
        return None



def _numeric(terms: list[str]) -> bool:
    """A number or an ordinal: 37, 三十七, 第四, 1235."""
    return any(re.fullmatch(r"第?[\d.,]+|第?[零一二两三四五六七八九十百千]+", t) for t in terms)


def _after(filler: Filler, sentence: str, width: int) -> str:
    """The filler and the few characters after it (its unit, what it counts)."""
    at = sentence.find(filler.text)
    return sentence[at : at + len(filler.text) + width] if at >= 0 else ""



