"""The LLM path against a real OpenAI-compatible server on loopback (llama.cpp + SmolLM2).

The tiny model's prose is unpredictable, so most tests pin its output with a llama.cpp
grammar sent in the request: the bytes still stream over real HTTP from the real model,
and only our parsing, checking and fallbacks are under test.
"""

from __future__ import annotations

import json
import logging

from eval.load import free_port
from rag.answer.base import Answer
from rag.answer.citations import cited_numbers
from rag.answer.llm import build_llm_answerer
from rag.answer.messages import render
from rag.config import Settings
from tests.support import run

DISARMAMENT = "报告认为加强全球裁军方面的合作能带来什么好处？"
SECRET = "sk-test-DO-NOT-LEAK-4242"


def _answerer(seed_components, url: str, *, grammar: str | None = None, mode: str = "prose",
              key: str | None = None):
    from llama_index.llms.openai_like import OpenAILike

    settings = Settings(store_dir=seed_components.settings.store_dir, llm_provider="openai",
                        llm_model="smollm2", llm_base_url=url, llm_mode=mode, llm_api_key=key,
                        llm_timeout_s=60)
    extra = {"extra_body": {"grammar": f'root ::= "{grammar}"'}} if grammar else {}
    llm = OpenAILike(model="smollm2", api_base=url, api_key=key or "none", is_chat_model=True,
                     max_retries=0, timeout=60, max_tokens=160, temperature=0.0,
                     additional_kwargs=extra)
    extractive = seed_components.qa.answerers["extractive"]
    return build_llm_answerer(settings, extractive, extractive.support, llm=llm)


def notice(answer: Answer, lang: str = "en") -> str:
    return render(answer.notice, lang) if answer.notice else ""


def _stream(seed_components, answerer, question: str) -> tuple[list[str], Answer]:
    retrieval = seed_components.retriever.retrieve(question, k=2)  # short prompt: fast
    items = list(answerer.answer_stream(question, retrieval))
    assert isinstance(items[-1], Answer)
    return [i for i in items if isinstance(i, str)], items[-1]


def test_the_answer_streams_and_keeps_checked_citations(seed_components, llama_server):
    good = "增强全球裁军合作可以释放资源来实现权利。[¶86]"
    answerer = _answerer(seed_components, llama_server, grammar=good)
    pieces, answer = _stream(seed_components, answerer, DISARMAMENT)
    assert len(pieces) >= 3 and "".join(pieces) == good
    assert answer.answerer == "llm" and not answer.refused and answer.notice is None
    assert cited_numbers(answer.text) == [86]
    assert answer.citations[0].supported


def test_forged_and_unretrieved_citations_are_removed(seed_components, llama_server):
    retrieval = seed_components.retriever.retrieve(DISARMAMENT, k=2)
    outside = next(n for n in range(1, 89) if n not in {h.paragraph.n for h in retrieval.hits})
    raw = f"增强全球裁军合作可以释放资源来实现权利。[¶86] 编造的事实。[¶99] 另一个说法。[¶{outside}]"
    answerer = _answerer(seed_components, llama_server, grammar=raw)
    _, answer = _stream(seed_components, answerer, DISARMAMENT)
    assert answer.answerer == "llm"
    assert cited_numbers(answer.text) == [86]
    assert "[¶99]" not in answer.text and f"[¶{outside}]" not in answer.text
    assert "[¶99]" in notice(answer)


def test_falls_back_to_extractive_when_every_citation_fails(seed_components, llama_server):
    answerer = _answerer(seed_components, llama_server, grammar="2019 年火星上发现了 500 座城市。[¶86]")
    _, answer = _stream(seed_components, answerer, DISARMAMENT)
    assert answer.answerer == "extractive"
    assert "citations failed the check" in notice(answer)
    assert "其引用未通过核查" in notice(answer, "zh")
    assert cited_numbers(answer.text) == [86] and "火星" not in answer.text


def test_structured_mode_keeps_only_checked_lines(seed_components, llama_server):
    raw = "¶86: 裁军合作可以释放资源来实现权利。\\n¶99: 编造。"
    answerer = _answerer(seed_components, llama_server, grammar=raw, mode="structured")
    _, answer = _stream(seed_components, answerer, DISARMAMENT)
    assert answer.answerer == "llm"
    assert answer.text == "裁军合作可以释放资源来实现权利。[¶86]"


def test_free_generation_never_cites_outside_the_retrieved(seed_components, llama_server):
    answerer = _answerer(seed_components, llama_server)
    _, answer = _stream(seed_components, answerer, "What does the report say about easing sanctions?")
    retrieved = {h.paragraph.n for h in answer.retrieved}
    assert set(cited_numbers(answer.text)) <= retrieved
    assert answer.answerer in {"llm", "extractive"}
    if answer.answerer == "extractive":
        assert answer.notice  # the user is told why


def test_server_down_still_answers_and_never_leaks_the_key(seed_components, caplog):
    caplog.set_level(logging.DEBUG)
    dead = f"http://127.0.0.1:{free_port()}/v1"
    answerer = _answerer(seed_components, dead, key=SECRET)
    pieces, answer = _stream(seed_components, answerer, DISARMAMENT)
    assert answer.answerer == "extractive" and not answer.refused
    assert answer.notice.key == "notice.llm_failed"
    assert notice(answer).startswith("The LLM failed (")
    assert cited_numbers(answer.text) == [86]
    shown = json.dumps(answer.to_dict(), ensure_ascii=False) + "".join(pieces) + caplog.text
    assert SECRET not in shown


def test_a_refusing_stage_reaches_the_llm_answerer_before_the_model(seed_components):
    dead = f"http://127.0.0.1:{free_port()}/v1"  # calling the model would fail loudly
    answerer = _answerer(seed_components, dead)
    _, answer = _stream(seed_components, answerer, "How do I bake bread?")
    assert answer.refused and answer.notice is None  # refused, and the model never called
    assert answer.refusal is not None and answer.refusal.reason


def test_cli_with_a_key_set_never_prints_it(seed_settings, seed_components):
    env = {"RAG_LLM_PROVIDER": "openai", "RAG_LLM_MODEL": "x", "RAG_LLM_API_KEY": SECRET,
           "RAG_LLM_BASE_URL": f"http://127.0.0.1:{free_port()}/v1"}
    proc = run("rag", "-v", "ask", DISARMAMENT, "--json", "--store",
               str(seed_settings.store_dir), env=env)
    assert proc.returncode == 0, proc.stderr
    assert SECRET not in proc.stdout and SECRET not in proc.stderr
    assert json.loads(proc.stdout)["notice"].startswith("大语言模型调用失败（")  # the asker's language
