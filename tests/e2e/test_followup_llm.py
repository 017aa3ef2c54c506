"""The LLM condenser against a real OpenAI-compatible server (llama.cpp + SmolLM2). Its
output is pinned with a llama.cpp grammar: the bytes still come over real HTTP from the
real model; under test are our prompt, the check of its reply and the fallback."""

from __future__ import annotations

import pytest

from eval.load import free_port
from rag.conversation import Exchange, RuleCondenser
from rag.conversation.llm import LLMCondenser
from rag.service import QA

GUINEA = "经社文权利委员会在结论性意见中建议几内亚做什么？"


def _llm(url: str, grammar: str | None = None, port: str | None = None):
    from llama_index.llms.openai_like import OpenAILike

    extra = {"extra_body": {"grammar": f'root ::= "{grammar}"'}} if grammar else {}
    return OpenAILike(model="smollm2", api_base=port or url, api_key="none",
                      is_chat_model=True, max_retries=0, timeout=60, max_tokens=80,
                      temperature=0.0, additional_kwargs=extra)


@pytest.fixture(scope="module")
def rules(seed_components):
    return RuleCondenser(seed_components.library)


def test_the_model_condenses_and_the_answer_follows_it(seed_components, llama_server, rules):
    condenser = LLMCondenser(_llm(llama_server, "经社文权利委员会对贝宁提出了什么建议？"), rules)
    qa = QA(seed_components.retriever, seed_components.qa.answerers, condenser=condenser)
    a = qa.ask("对贝宁呢？", history=[Exchange(GUINEA, answer="建议几内亚划拨预算资源。[¶64]")])
    assert a.condenser == "llm" and a.understood_as == "经社文权利委员会对贝宁提出了什么建议？"
    # answered from ¶64, or (the judge unsure) pointed to it
    pointed = a.refusal.pointers if a.refusal else ()
    assert 64 in [n for _, n in a.cited()] or "A/HRC/47/47:64" in pointed


def test_a_reply_in_another_language_falls_back_to_the_rules(llama_server, rules):
    condenser = LLMCondenser(_llm(llama_server, "What did CESCR recommend to Benin?"), rules)
    done = condenser("对贝宁呢？", [Exchange(GUINEA)])
    assert done.by == "rules" and done.question == "经社文权利委员会在结论性意见中建议贝宁做什么？"


def test_an_unreachable_model_falls_back_to_the_rules(rules):
    down = _llm("", port=f"http://127.0.0.1:{free_port()}/v1")
    done = LLMCondenser(down, rules)("对贝宁呢？", [Exchange(GUINEA)])
    assert done.by == "rules" and done.rewritten
