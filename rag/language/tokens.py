"""Tokens for BM25: jieba words and character bigrams for Chinese, stems for Latin script.

Numbers, years, percentages and acronyms stay whole: the Chinese text keeps them as
they are (COVAX, 2030, 0.7%), so they match across languages.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from functools import lru_cache

_RUN = re.compile(
    r"(?P<month>\d{1,2}\s*月)|(?P<num>\d+(?:[.,]\d+)*%?)|(?P<latin>[A-Za-z][A-Za-z0-9\-]*)"
    r"|(?P<han>[\u3400-\u9fff\uf900-\ufaff]+)"
)
# Function words that carry no topic in either language.
ZH_STOP = set(
    "的 了 和 与 及 以及 在 是 为 对 于 或 并 等 其 这 那 之 也 都 而 从 将 被 把 由 向 中 上 下 "
    "个 各 该 此 有 就 还 又 所 以 使 让 给 更 很 最 已 已经 这些 那些 一个 一些 一项 一次 "
    "哪些 什么 哪个 如何 怎样 怎么 多少 几 吗 呢 吧 谁 何时 为何 是否 报告 提到 关于 方面".split()
)

_jieba_lock = threading.Lock()
_jieba = None
_pos = None


def _tokenizer():
    """One jieba instance per process, created on first use, not at import."""
    global _jieba
    with _jieba_lock:
        if _jieba is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            _jieba = jieba.Tokenizer()
            _jieba.initialize()
        return _jieba


def pos_tokenizer():
    """Part-of-speech tagging over the same dictionary (and added words) as ``word_tokens``."""
    global _pos
    tk = _tokenizer()
    with _jieba_lock:
        if _pos is None:
            import jieba.posseg

            _pos = jieba.posseg.POSTokenizer(tk)
        return _pos


def add_words(words: Iterable[str]) -> None:
    """Teach jieba the document's own terms (names, abbreviations) so they stay whole."""
    tk = _tokenizer()
    with _jieba_lock:
        new = [w for w in words if len(w) >= 2 and tk.FREQ.get(w) != 2000]
        for w in new:
            tk.add_word(w, freq=2000)
    if new:
        pos_tags.cache_clear()


@lru_cache(maxsize=4096)
def pos_tags(text: str) -> tuple[tuple[str, str], ...]:
    """(word, part of speech) of a text: a question is read by several refusal checks,
    and a sentence by the slot checks of each step, with the same words."""
    return tuple((w, f) for w, f in pos_tokenizer().cut(text))


def runs(text: str) -> Iterable[tuple[str, str]]:
    for m in _RUN.finditer(text):
        yield m.lastgroup or "", m.group()


def word_tokens(text: str) -> list[str]:
    """jieba words (search mode) for Han runs; whole numbers, months and Latin words."""
    out: list[str] = []
    tk = _tokenizer()
    for kind, run in runs(text):
        if kind == "han":
            out.extend(w for w in tk.cut_for_search(run) if w not in ZH_STOP)
        else:
            out.extend(_other(kind, run))
    return out


def bigram_tokens(text: str) -> list[str]:
    """Overlapping Han character bigrams: robust when jieba splits a term differently."""
    out: list[str] = []
    for kind, run in runs(text):
        if kind == "han":
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
            if len(run) == 1:
                out.append(run)
        else:
            out.extend(_other(kind, run))
    return out


def _other(kind: str, run: str) -> list[str]:
    if kind == "month":
        return [re.sub(r"\s+", "", run)]
    if kind == "num":
        return [run.replace(",", "")]
    return [_stem(run.lower())]


@lru_cache(maxsize=50_000)
def _stem(word: str) -> str:
    """English words match across inflections ("fell"/"falls" stay apart, "policies" and
    "policy" meet); acronyms and mixed tokens keep their form."""
    if not word.isalpha():
        return word
    return english_stemmer().stemWord(word)


@lru_cache(maxsize=1)
def english_stemmer():
    """Snowball English, shared by the BM25 tokens and the dictionary bridge."""
    import Stemmer

    return Stemmer.Stemmer("english")

