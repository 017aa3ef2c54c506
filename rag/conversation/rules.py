"""The rule-based condenser: no model, general rules, the same answer every time.

A question reads as a follow-up when it has a cue (``cues.py``) or no specific term
of its own. Then, in this order:

1. an elliptical fragment that names a new value of a kind the earlier question holds
   (a date, a place, an ordinal) asks the earlier question about that value;
2. a fragment whose preposition or head noun the earlier question has replaces that
   phrase ("And for victims of slavery?" after "…grants for torture victims…");
3. otherwise the follow-up keeps its words and carries the earlier question's content
   phrases in a marked tail, minus those it restates or whose value it replaces.

The document filter of the earlier turn carries over when none is given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.base import QuestionError
from rag.conversation import cues as C
from rag.conversation import focus as F
from rag.conversation import values as V
from rag.conversation.base import Condensed, Exchange, as_is
from rag.language.bridge import EN_STOP
from rag.language.specificity import COMMON_ZIPF, specificity, zipf
from rag.language.tokens import pos_tags
from rag.library.base import Library
from rag.understand.entities import absent_concepts
from rag.understand.query import search_terms
from rag.understand.question import detect_language, normalise

MIN_SPECIFICITY = 1.5  # a term naming less than ~1 paragraph in 4.5 locates something
_ZH_PREPOSITIONS = ("关于", "对于", "对", "在", "向", "为", "与", "和", "给", "从", "于")
_EN_PREPOSITIONS = {"for", "in", "to", "on", "about", "with", "from", "by", "at", "during",
                    "under", "regarding", "among", "against", "into"}
_EN_BOUNDARY = ("did|does|do|is|are|was|were|has|have|had|will|would|could|should|can|may|"
                "might|what|which|who|when|where|why|how")
_ZH_SPAN_STOP = set("在对向为让由被是了从给把与的，,。；：？?")
_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.I)


class RuleCondenser:
    name = "rules"

    def __init__(self, library: Library | None = None, *, max_chars: int = 2000,
                 focus_limit: int = 6, min_specificity: float = MIN_SPECIFICITY) -> None:
        self.library = library  # the corpus, to tell a specific term from a general one
        self.max_chars = max_chars
        self.focus_limit = focus_limit
        self.min_specificity = min_specificity

    def __call__(self, question: str, history: Sequence[Exchange], *,
                 doc_id: str | None = None) -> Condensed:
        if not history:
            return as_is(question, doc_id)
        try:
            text = normalise(question, max_chars=self.max_chars)
        except QuestionError:
            return as_is(question, doc_id)  # retrieval says what is wrong with it
        earlier, earlier_doc = self.standalone(history)
        lang = detect_language(text)
        found = C.cues(text, lang)
        if not found and not self.has_own_content(text, lang):
            found = ["no_content"]
        if not found:
            return as_is(question, doc_id)
        merged = self.merge(text, lang, earlier)
        if merged == text:  # nothing to carry over: the question as typed
            return Condensed(question, doc_id, False, self.name, tuple(found))
        return Condensed(merged, doc_id or earlier_doc, True, self.name, tuple(found))

    def standalone(self, history: Sequence[Exchange]) -> tuple[str, str | None]:
        """The last exchange as it was understood; worked out again when not given."""
        last = history[-1]
        if last.standalone:
            return last.standalone, last.doc_id
        done = self(last.question, history[:-1], doc_id=last.doc_id)
        return done.question, done.doc_id

    def merge(self, text: str, lang: str, earlier: str) -> str:
        text = V.resolve_relative_years(text, earlier, lang)
        main, tail = F.split_tail(earlier)
        frag = C.fragment(text, lang)
        if frag is not None:
            swapped = self.swap(frag, main, lang)
            if swapped is not None:
                return F.with_tail(swapped, tail, lang)
        kinds = {v.kind for v in V.values(text, lang)}
        keep = [part for p in F.phrases(earlier, lang) for part in self.documented(p, lang)
                for part in F.without(part, [v.text for v in V.values(part, lang)
                                             if v.kind in kinds])  # the new value replaces it
                if not F.contained(part, text)]
        return F.with_tail(text, list(dict.fromkeys(keep))[: self.focus_limit], lang)

    def swap(self, frag: str, earlier: str, lang: str) -> str | None:
        """The earlier question with the fragment in place of its counterpart: a bare
        value ("对贝宁", "in March 2021") swaps for the value of its kind; a longer phrase
        ("东南亚区域办事处") for the phrase with its head or preposition."""
        found = V.values(frag, lang)
        bare = _strip_preposition(frag, lang)
        if found and len(found) == 1 and found[0].text == bare.strip():
            swapped = V.substitute(earlier, found[0], lang)
            if swapped is not None:
                return swapped
        by_phrase = _swap_zh(frag, earlier) if lang == "zh" else _swap_en(frag, earlier)
        if by_phrase is not None:
            return by_phrase
        for value in found:
            swapped = V.substitute(earlier, value, lang)
            if swapped is not None:
                return swapped
        return None

    def documented(self, phrase: str, lang: str) -> list[str]:
        """The phrase without the terms no document uses: carried on, they could find
        nothing, only refuse (the earlier question was refused for them, or answered
        without them)."""
        if self.library is None:
            return [phrase]
        snap = self.library.snapshot()
        absent = absent_concepts(phrase, lang, snap)
        parts = F.without(phrase, absent) if absent else [phrase]
        if lang != "zh":
            return parts
        # a Chinese phrase none of whose words the documents use ("新冠疫情" where they write
        # COVID-19) matches no term, and pulls the question's embedding off the topic
        return [p for p in parts
                if any(snap.share(w) > 0 for w, _ in pos_tags(p))]

    def has_own_content(self, text: str, lang: str) -> bool:
        """A term of its own that locates something: a number, a date, a place, an
        acronym, or a word few paragraphs use."""
        if re.search(r"\d|\b[A-Z]{2,}\b", text) or V.places(text, lang):
            return True
        words = F.phrases(text, lang)
        if self.library is None or not words:
            return bool(words)
        snap = self.library.snapshot()
        if lang == "zh":
            terms = [w for p in words for w, _ in pos_tags(p)]
        else:
            terms = [t for g in search_terms(text, lang, snap)[0] for t in g]
        return any(specificity(t, snap.share(t)) >= self.min_specificity
                   or (snap.share(t) == 0 and zipf(t) < COMMON_ZIPF)  # a topic of its own
                   for t in terms)


def _strip_preposition(frag: str, lang: str) -> str:
    if lang == "zh":
        return next((frag[len(p):] for p in _ZH_PREPOSITIONS if frag.startswith(p)), frag)
    first, _, rest = frag.partition(" ")
    return rest if first.lower() in _EN_PREPOSITIONS and rest else frag


def _swap_zh(frag: str, earlier: str) -> str | None:
    for prep in _ZH_PREPOSITIONS:
        if frag.startswith(prep) and len(frag) > len(prep):
            span = _zh_prep_phrase(earlier, prep)
            if span is not None:
                return earlier[: span[0]] + frag + earlier[span[1] :]
    for size in range(len(frag) - 1, 1, -1):  # the longest shared head: 东南亚|区域办事处
        head = frag[-size:]
        at = earlier.find(head)
        if at < 0:
            continue
        start = at
        while start > 0 and earlier[start - 1] not in _ZH_SPAN_STOP:
            start -= 1
        return earlier[:start] + frag + earlier[at + size :]
    return None


def _zh_prep_phrase(text: str, prep: str) -> tuple[int, int] | None:
    """Where "对几内亚" runs in ``text``: the preposition and the nouns after it."""
    at, start = 0, None
    for word, flag in pos_tags(text):
        if start is None and word == prep and flag.startswith("p"):
            start = at
        elif start is not None and (flag.startswith(("v", "r", "u", "d"))
                                    or re.fullmatch(r"[\W_]+", word)):
            return (start, at) if at > start + len(prep) else None
        at += len(word)
    return None


def _swap_en(frag: str, earlier: str) -> str | None:
    words = frag.split()
    first = words[0].lower()
    if first in _EN_PREPOSITIONS and len(words) > 1:
        m = re.search(rf"\b{first}\b(?:\s+[\w'’\-]+)+?(?=\s*[,.?;]|\s+(?:{_EN_BOUNDARY})\b|\s*$)",
                      earlier, re.I)
        if m:
            return earlier[: m.start()] + frag + earlier[m.end() :]
        return None
    phrase = _DETERMINER.sub("", frag)
    head = _head(phrase)
    if head is None:
        return None
    m = re.search(rf"\b{re.escape(head)}\w*\b", earlier, re.I)
    if not m:
        return None
    start = m.start()
    before = list(re.finditer(r"[\w'’\-]+", earlier[: m.start()]))
    for w in reversed(before):
        if w.group().lower() in EN_STOP:
            break
        start = w.start()
    return earlier[:start] + phrase + earlier[m.end() :]


def _head(phrase: str) -> str | None:
    """The head noun of an English phrase: the last word before its first preposition."""
    words = re.findall(r"[\w'’\-]+", phrase)
    head = None
    for w in words:
        if w.lower() in _EN_PREPOSITIONS or w.lower() == "of":
            break
        head = w
    if head is None or head.lower() in EN_STOP:
        return None
    return head[:-1] if head.lower().endswith("s") and len(head) > 3 else head
