"""The chat's stream for an English question about the Chinese seed whose quotes are not
translated yet: the answer with its originals and facts first, before the model is
called at all; each checked translation after; the finished answer last. The real seed
store and embedder; a stand-in model behind the real checks."""

from __future__ import annotations

import pytest

from rag.answer.base import Answer
from rag.translate.answers import AnswerTranslator, Translating
from rag.translate.cache import TranslationCache
from rag.translate.checked import CheckedTranslator
from rag.translate.checks import Checker
from rag.translate.lease import Leases
from rag.translate.service import TranslationService
from tests.support import writable_copy


class Counting:
    identity = "stub/p0"  # no translation is cached under this model

    def __init__(self) -> None:
        self.calls = 0

    def translate(self, text: str, src_lang: str, tgt_lang: str, context: str = "") -> str:
        self.calls += 1
        return "An unchecked sentence."


@pytest.fixture(scope="module")
def components(seed_settings, seed_components, embedder, tmp_path_factory):
    return writable_copy(seed_settings, tmp_path_factory.mktemp("stream"), embedder)


def test_the_originals_come_first_and_the_model_after(components):
    model = Counting()
    terms = components.translation.terms
    client, name = components.store.client, "stream-test"
    service = TranslationService(
        TranslationCache(client, name), terms, model.identity,
        lambda: CheckedTranslator(model, terms, Checker(terms)), Leases(client, name))
    components.qa.translator = AnswerTranslator(service, components.library)
    seen: list[tuple[str, int]] = []
    items = []
    for item in components.qa.ask_stream("What does the report say about easing sanctions?"):
        seen.append((type(item).__name__, model.calls))
        items.append(item)
    assert seen[0] == ("Translating", 0)  # shown before the model was asked anything
    first = items[0]
    assert isinstance(first, Translating) and first.waiting
    assert all(w.src == "zh" and w.claim.quote for w in first.waiting)
    assert any(f.kind == "date" for w in first.waiting for f in w.facts)  # "2020 年 4 月"
    final = items[-1]
    assert isinstance(final, Answer) and model.calls == len(first.waiting)
    assert not any(c.translated for c in final.claims)  # the stand-in fails its checks
    assert "An unchecked sentence." not in final.text
