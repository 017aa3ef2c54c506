"""The metrics, computed from per-question outcomes. A metric with nothing to count is None."""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

METRIC_KEYS = ("n", "hit@1", "hit@5", "mrr", "citation_hit", "citation_precision",
               "answer_correct", "answer_language", "answer_language_quotes", "refusal_accuracy",
               "false_refusal")


Unit = Hashable  # (document symbol, n) as the evaluator builds them; any key compares


@dataclass
class Outcome:
    """What happened to one question. Units are (document symbol, n): the language
    versions of one document count as the same unit."""

    id: str
    lang: str
    answerable: bool
    gold: list[Unit]
    retrieved: list[Unit]  # top k paragraphs, best first
    ranking: list[Unit]  # deeper fused ranking, for MRR@10
    cited: list[Unit]  # the paragraphs the answer cites
    refused: bool
    answer_correct: bool | None  # None for unanswerable questions
    latency_ms: float
    answer: str = ""
    evidence: float = 0.0
    error: str = ""
    reason: str = ""  # the refusal's reason key, when refused
    understood_as: str = ""  # a follow-up as the condenser rewrote it
    outcome: str = ""  # answer, hedge, refusal or correction
    probability: float | None = None  # the judge's: that the documents answer
    signals: dict[str, float] = field(default_factory=dict)  # what the judge read
    pointers: list[Unit] = field(default_factory=list)  # a hedge's or refusal's passages
    kind: str = ""
    about: list[str] = field(default_factory=list)
    false_premise: bool = False

    def record(self) -> dict:
        keys = ("id", "lang", "retrieved", "cited", "refused", "answer_correct", "latency_ms",
                "reason", "outcome", "probability") + \
            (("understood_as",) if self.understood_as else ())
        return {k: v for k, v in asdict(self).items() if k in keys}

    @property
    def decided(self) -> str:
        """The outcome, for an answer made before the judge: answer or refusal."""
        return self.outcome or ("refusal" if self.refused else "answer")


def contains_any(answer: str, needles: Sequence[str]) -> bool:
    """Case- and whitespace-insensitive; an empty list counts as met."""
    if not needles:
        return True
    hay = _squash(answer)
    return any(_squash(n) in hay for n in needles)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


_MARKER = re.compile(r"\[[^\[\]]*(?:¶|概要|Summary)[^\[\]]*\]")
_QUOTE = re.compile(r"“[^”]*”|「[^」]*」")


def in_language(answer: str, lang: str, *, quotes: bool = False) -> bool:
    """Written in ``lang``: for English, under 10% Han characters among the letters
    outside citation markers and (unless ``quotes``) quoted originals; for Chinese, most
    of them Han."""
    text = _MARKER.sub("", answer)
    if not quotes and lang == "en":
        text = _QUOTE.sub("", text)
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return True
    han = sum(1 for ch in letters if "\u3400" <= ch <= "\u9fff") / len(letters)
    return han < 0.10 if lang == "en" else han >= 0.5


def _share(flags: list[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def reciprocal_rank(gold: Sequence[Unit], ranking: Sequence[Unit], depth: int = 10) -> float:
    for rank, n in enumerate(ranking[:depth], 1):
        if n in gold:
            return 1.0 / rank
    return 0.0


def compute(outcomes: Sequence[Outcome]) -> dict[str, float | int | None]:
    ans = [o for o in outcomes if o.answerable]
    unans = [o for o in outcomes if not o.answerable]
    answered = [o for o in ans if not o.refused]
    with_citations = [o for o in answered if o.cited]
    return {
        "n": len(outcomes),
        "hit@1": _share([bool(set(o.retrieved[:1]) & set(o.gold)) for o in ans]),
        "hit@5": _share([bool(set(o.retrieved) & set(o.gold)) for o in ans]),
        "mrr": _mean([reciprocal_rank(o.gold, o.ranking or o.retrieved) for o in ans]),
        "citation_hit": _share([bool(set(o.cited) & set(o.gold)) for o in answered]),
        "citation_precision": _mean(
            [len(set(o.cited) & set(o.gold)) / len(set(o.cited)) for o in with_citations]
        ),
        "answer_correct": _share([bool(o.answer_correct) for o in ans]),
        "answer_language": _share([in_language(o.answer, o.lang) for o in answered]),
        # stricter: a quoted original the reader cannot read counts against the answer
        "answer_language_quotes": _share([in_language(o.answer, o.lang, quotes=True)
                                          for o in answered]),
        "refusal_accuracy": _share([o.refused for o in unans]),
        "false_refusal": _share([o.refused for o in ans]),
    }


OUTCOME_KEYS = ("answer", "hedge", "refusal", "correction")


def outcome_shares(outcomes: Sequence[Outcome]) -> dict[str, float | int | None]:
    """How many there are, and the share of each outcome."""
    return {"n": len(outcomes),
            **{k: _share([o.decided == k for o in outcomes]) for k in OUTCOME_KEYS}}


def three_outcomes(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """The outcomes of answerable questions, of unanswerable ones (false premises apart)
    and of false premises; how many hedges point to a gold paragraph; how many false
    premises are corrected from a gold paragraph, and how many answerable questions
    were taken for a false premise."""
    ans = [o for o in outcomes if o.answerable]
    unans = [o for o in outcomes if not o.answerable and not o.false_premise]
    premises = [o for o in outcomes if o.false_premise]
    hedged = [o for o in ans if o.decided == "hedge"]
    return {
        "answerable": {**outcome_shares(ans), "hedge_shows_gold": _share(
            [bool(set(o.pointers) & set(o.gold)) for o in hedged])},
        "unanswerable": outcome_shares(unans),
        "false_premise": {**outcome_shares(premises), "corrected_with_citation": _share(
            [o.decided == "correction" and bool(set(o.cited) & set(o.gold))
             for o in premises])},
        "misread_as_premise": sum(o.decided == "correction" for o in ans),
    }


def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-q * len(ordered) // 100))))
    return ordered[rank - 1]


def refusals_by_rule(outcomes: Sequence[Outcome]) -> dict[str, dict[str, int]]:
    """Per refusal reason: how many refusals it made, and how many of them were wrong
    (the question was answerable)."""
    table: dict[str, dict[str, int]] = {}
    for o in outcomes:
        if o.refused:
            row = table.setdefault(o.reason or "error", {"refusals": 0, "wrong": 0})
            row["refusals"] += 1
            row["wrong"] += int(o.answerable)
    return dict(sorted(table.items(), key=lambda kv: -kv[1]["refusals"]))


FOLLOWUP_KEYS = ("hit@5", "citation_hit", "refusal_accuracy")


def ratio(part: float | None, whole: float | None) -> float | None:
    """``part / whole``, None when either is missing or the whole is 0."""
    if part is None or whole is None or whole == 0:
        return None
    return part / whole


def followup(conversation: Sequence[Outcome], standalone: Sequence[Outcome],
             alone: Sequence[Outcome], langs: Sequence[str]) -> dict:
    """Follow-ups asked in their conversation, beside the same questions written out in
    full and asked alone as typed; with the conversation/full ratio per language."""
    out: dict = {"rewritten": _share([bool(o.understood_as) for o in conversation])}
    for name, group in (("conversation", conversation), ("standalone", standalone),
                        ("alone", alone)):
        out[name] = {lang: compute([o for o in group if o.lang == lang]) for lang in langs}
        out[name]["overall"] = compute(group)
    out["ratio"] = {col: {k: ratio(out["conversation"][col][k], out["standalone"][col][k])
                          for k in FOLLOWUP_KEYS} for col in (*langs, "overall")}
    return out
