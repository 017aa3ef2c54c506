"""The translator's own settings (RAG_TRANSLATE_*), apart from the answerer's (RAG_LLM_*):
configuring one no longer turns on the other."""

from __future__ import annotations

import pytest

from rag.config import Settings, SettingsError
from rag.factory import raw_translator, translate_source, translation_identity
from rag.translate.local import packaged_identity
from rag.translate.prompts import PROMPT_VERSION
from rag.translate.remote import RemoteTranslator

LLM = {"llm_provider": "openai", "llm_model": "qwen", "llm_base_url": "http://h:8000/v1"}


def test_an_llm_answerer_no_longer_turns_translation_to_its_endpoint():
    s = Settings(**LLM)
    assert s.llm_enabled
    assert translate_source(s) == "local"
    assert translation_identity(s, "local") == packaged_identity()


def test_a_translator_endpoint_does_not_turn_on_the_llm_answerer(monkeypatch):
    monkeypatch.setenv("RAG_TRANSLATE_BASE_URL", "http://127.0.0.1:7869/v1")
    s = Settings()
    assert not s.llm_enabled and s.condenser == "auto"
    assert translate_source(s) == "remote"
    # the packaged model behind a translator process keeps its identity: same cache
    assert translation_identity(s, "remote") == packaged_identity()
    tr = raw_translator(s, "remote", translation_identity(s, "remote"))
    assert isinstance(tr, RemoteTranslator) and tr.base_url == "http://127.0.0.1:7869/v1"


def test_another_model_at_the_endpoint_is_named_and_labelled_as_such(monkeypatch):
    monkeypatch.setenv("RAG_TRANSLATE_BASE_URL", "http://t:1/v1")
    monkeypatch.setenv("RAG_TRANSLATE_MODEL", "smollm2")
    monkeypatch.setenv("RAG_TRANSLATE_API_KEY", "sekret")
    s = Settings(**LLM)
    assert translate_source(s) == "remote"
    identity = translation_identity(s, "remote")
    assert identity == f"endpoint:smollm2/{PROMPT_VERSION}"
    tr = raw_translator(s, "remote", identity)
    assert isinstance(tr, RemoteTranslator) and tr.model == "smollm2"
    assert tr.request("人权理事会", "zh", "en")["model"] == "smollm2"
    assert "sekret" not in repr(s)


def test_the_endpoint_backend_still_reads_the_llm_endpoint_when_it_names_none():
    s = Settings(translate_backend="endpoint", **LLM)
    assert translate_source(s) == "llm"
    assert translation_identity(s, "llm") == f"endpoint:qwen/{PROMPT_VERSION}"


@pytest.mark.parametrize("settings", [
    {"translate_backend": "endpoint"},  # no endpoint of its own, no LLM
    {"translate_backend": "endpoint", "translate_base_url": "http://t:1/v1"},  # no model
])
def test_an_endpoint_backend_without_what_it_needs_is_a_clear_error(settings):
    with pytest.raises(SettingsError, match="RAG_TRANSLATE_"):
        translate_source(Settings(**settings))


def test_none_turns_translation_off_whatever_else_is_set():
    s = Settings(translate_backend="none", translate_base_url="http://t:1/v1", **LLM)
    assert translate_source(s) == "none"


def test_the_remote_request_is_the_local_backends():
    tr = RemoteTranslator("http://t:1/v1", model="packaged", identity="x")
    body = tr.request("2021 年 3 月，人权理事会举行了会议。", "zh", "en")
    assert body["temperature"] == 0.0 and body["top_k"] == 1 and body["seed"] == 0
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert body["messages"][1]["content"] == "2021 年 3 月，人权理事会举行了会议。"
