"""``QA.ask``: the one path from a question to an answer, shared by the CLI, UI and eval."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Iterator, Sequence

from rag.answer.base import Answer, Answerer
from rag.answer.status import status_notes
from rag.base import QuestionError
from rag.conversation.base import Condensed, Condenser, Exchange
from rag.retrieve.base import Retrieval, Retriever
from rag.translate.answers import AnswerTranslator, Translating

log = logging.getLogger(__name__)


class QA:
    """``ask(question, history=…)``: a follow-up is first made a standalone question by
    the condenser; retrieval, the refusal stages and the answerer all see that one, and
    the answer says how the question was understood.

    ``parallel``: how many asks retrieve and answer at once (a server's threads beyond
    it wait their turn, in order); what waits on a model (the LLM answerer, the
    translator) waits outside that limit, so it never holds back answers that need none."""

    def __init__(self, retriever: Retriever, answerers: dict[str, Answerer], *,
                 default: str = "extractive", top_k: int = 5,
                 condenser: Condenser | None = None,
                 translator: AnswerTranslator | None = None,
                 parallel: int | None = None) -> None:
        if default not in answerers:
            raise ValueError(f"unknown default answerer {default!r}")
        self.retriever = retriever
        self.answerers = answerers
        self.default = default
        self.top_k = top_k
        self.condenser = condenser
        self.translator = translator  # quotes into the asker's language
        self._gate: contextlib.AbstractContextManager[object] = (
            threading.BoundedSemaphore(parallel) if parallel else contextlib.nullcontext())

    def condense(self, question: str, history: Sequence[Exchange] | None,
                 doc_id: str | None) -> Condensed:
        if not history or self.condenser is None:
            return Condensed(question, doc_id)
        return self.condenser(question, history, doc_id=doc_id)

    def answerer(self, name: str | None) -> Answerer:
        name = name or self.default
        if name not in self.answerers:
            raise QuestionError(
                f"unknown answerer {name!r}; available: {', '.join(sorted(self.answerers))}"
            )
        return self.answerers[name]

    def _retrieve(self, question: str, k: int | None, doc_id: str | None
                  ) -> tuple[Retrieval, float, float]:
        """The retrieval, when it started and when it ended."""
        t0 = time.perf_counter()
        k = k or self.top_k
        if k < 1 or k > 50:
            raise QuestionError(f"k must be between 1 and 50, not {k}")
        retrieval = self.retriever.retrieve(question, k=k, doc_id=doc_id)
        return retrieval, t0, time.perf_counter()

    @staticmethod
    def _finish(answer: Answer, retrieval: Retrieval, t0: float, t1: float,
                asked: str | None = None, condensed: Condensed | None = None) -> Answer:
        t2 = time.perf_counter()
        if asked is not None and condensed is not None and condensed.rewritten:
            answer.question, answer.understood_as = asked, condensed.question
            answer.condenser = condensed.by
        answer.ranking = list(retrieval.ranking)
        answer.verdict = retrieval.verdict
        query = retrieval.query
        snap = query.corpus
        answer.documents = [snap.describe(s) for s in query.documents]
        answer.stored = len(snap.catalogue.documents)
        answer.searched_only = query.scope is not None
        cited = [c.doc_id for c in answer.citations]
        cited += [c.counterpart.doc_id for c in answer.citations if c.counterpart is not None]
        cited += [h.paragraph.doc_id for h in answer.retrieved]
        cited += [h.counterpart.doc_id for h in answer.retrieved if h.counterpart is not None]
        answer.records = {d: snap.record(d) for d in dict.fromkeys(cited)}
        answer.notes += status_notes(answer)  # a cited draft, or a superseded text
        answer.timings_ms = {
            "retrieve": (t1 - t0) * 1e3, "answer": (t2 - t1) * 1e3, "total": (t2 - t0) * 1e3,
        }
        return answer

    def ask(self, question: str, *, k: int | None = None, doc_id: str | None = None,
            answerer: str | None = None, history: Sequence[Exchange] | None = None,
            translate: bool = True) -> Answer:
        """The answer, its quotes translated into the asker's language (unless
        ``translate`` is False: a server's warm-up must not load the model)."""
        chosen = self.answerer(answerer)
        answer = self._answer(chosen, question, k, doc_id, history)
        if self.translator is not None and translate:
            for _ in self.translator.translate(answer):
                pass
        return answer

    def _answer(self, chosen: Answerer, question: str, k: int | None, doc_id: str | None,
                history: Sequence[Exchange] | None) -> Answer:
        condensed = self.condense(question, history, doc_id)
        waits = _waits_on_model(chosen)
        with self._gate:
            retrieval, t0, t1 = self._retrieve(condensed.question, k, condensed.doc_id)
            answer = None if waits else chosen.answer(condensed.question, retrieval)
        if answer is None:
            answer = chosen.answer(condensed.question, retrieval)
        return self._finish(answer, retrieval, t0, t1, question, condensed)

    def ask_stream(self, question: str, *, k: int | None = None, doc_id: str | None = None,
                   answerer: str | None = None, history: Sequence[Exchange] | None = None
                   ) -> Iterator[str | Translating | Answer]:
        """Text pieces as they form, then the checked ``Answer`` last. A quote the model
        has to translate first gives a ``Translating`` at once (the answer with the
        quote's original and its facts), another as each checked translation comes."""
        chosen = self.answerer(answerer)
        stream = getattr(chosen, "answer_stream", None)
        if stream is None:
            answer = self._answer(chosen, question, k, doc_id, history)
            waited = False
            if self.translator is not None:
                for state in self._translated(self.translator, answer):
                    waited = True
                    yield state
            if not waited:  # else the answer was shown already, and now replaces itself
                yield from _chunks(answer.text)
            yield answer
            return
        condensed = self.condense(question, history, doc_id)
        with self._gate:
            retrieval, t0, t1 = self._retrieve(condensed.question, k, condensed.doc_id)
        for item in stream(condensed.question, retrieval):
            yield (self._finish(item, retrieval, t0, t1, question, condensed)
                   if isinstance(item, Answer) else item)

    @staticmethod
    def _translated(translator: AnswerTranslator, answer: Answer) -> Iterator[Translating]:
        """The cache's translations at once; the model's one by one, showing meanwhile
        what waits for them."""
        plan = translator.plan(answer)
        if plan is None:
            return
        if plan.todo:
            yield translator.waiting(plan)
            for _claim in translator.run(plan):
                state = translator.waiting(plan)
                if state.waiting:
                    yield state
        translator.finish(plan)


def _waits_on_model(answerer: Answerer) -> bool:
    """The LLM answerer waits on its endpoint: no reason to hold a place meanwhile."""
    return getattr(answerer, "name", "") == "llm"


def _chunks(text: str, size: int = 12) -> Iterator[str]:
    for i in range(0, len(text), size):
        yield text[i : i + size]
