"""``QA.ask``: the one path from a question to an answer, shared by the CLI, UI and eval."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence

from rag.answer.base import Answer, Answerer
from rag.base import QuestionError
from rag.conversation.base import Condensed, Condenser, Exchange
from rag.retrieve.base import Retrieval, Retriever
from rag.translate.answers import AnswerTranslator

log = logging.getLogger(__name__)


class QA:
    """``ask(question, history=…)``: a follow-up is first made a standalone question by
    the condenser; retrieval, the refusal stages and the answerer all see that one, and
    the answer says how the question was understood."""

    def __init__(self, retriever: Retriever, answerers: dict[str, Answerer], *,
                 default: str = "extractive", top_k: int = 5,
                 condenser: Condenser | None = None,
                 translator: AnswerTranslator | None = None) -> None:
        if default not in answerers:
            raise ValueError(f"unknown default answerer {default!r}")
        self.retriever = retriever
        self.answerers = answerers
        self.default = default
        self.top_k = top_k
        self.condenser = condenser
        self.translator = translator  # quotes into the asker's language

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
        answer.timings_ms = {
            "retrieve": (t1 - t0) * 1e3, "answer": (t2 - t1) * 1e3, "total": (t2 - t0) * 1e3,
        }
        return answer

    def ask(self, question: str, *, k: int | None = None, doc_id: str | None = None,
            answerer: str | None = None, history: Sequence[Exchange] | None = None) -> Answer:
        chosen = self.answerer(answerer)
        answer = self._answer(chosen, question, k, doc_id, history)
        if self.translator is not None:
            for _ in self.translator.translate(answer):
                pass
        return answer

    def _answer(self, chosen: Answerer, question: str, k: int | None, doc_id: str | None,
                history: Sequence[Exchange] | None) -> Answer:
        condensed = self.condense(question, history, doc_id)
        retrieval, t0, t1 = self._retrieve(condensed.question, k, condensed.doc_id)
        answer = chosen.answer(condensed.question, retrieval)
        return self._finish(answer, retrieval, t0, t1, question, condensed)

    def ask_stream(self, question: str, *, k: int | None = None, doc_id: str | None = None,
                   answerer: str | None = None, history: Sequence[Exchange] | None = None
                   ) -> Iterator[str | Answer]:
        """Text pieces as they form, then the checked ``Answer`` last."""
        chosen = self.answerer(answerer)
        stream = getattr(chosen, "answer_stream", None)
        if stream is None:
            answer = self._answer(chosen, question, k, doc_id, history)
            if self.translator is None or not self.translator.pending(answer):
                yield from _chunks(answer.text)
                yield answer
                return
            for claim in self.translator.translate(answer):  # claim by claim, as done
                yield answer.claim_text(claim) + "\n"
            yield answer
            return
        condensed = self.condense(question, history, doc_id)
        retrieval, t0, t1 = self._retrieve(condensed.question, k, condensed.doc_id)
        for item in stream(condensed.question, retrieval):
            yield (self._finish(item, retrieval, t0, t1, question, condensed)
                   if isinstance(item, Answer) else item)


def _chunks(text: str, size: int = 12) -> Iterator[str]:
    for i in range(0, len(text), size):
        yield text[i : i + size]
