"""What an earlier question was about: its content phrases, without its question words.

"高级专员和美洲开发银行行长在什么场合有过交流？" -> 高级专员, 美洲开发银行行长, 场合, 交流.
A rewritten question carries them in a marked tail, "（关于：…）" / "(about: …)", which the
next follow-up reads back, so a conversation can go on for several turns.
"""

from __future__ import annotations

import re

from rag.conversation.cues import EN_REFERENCES, ZH_INTERROGATIVE, ZH_REFERENCES
from rag.language.bridge import EN_STOP
from rag.language.specificity import COMMON_ZIPF, zipf
from rag.language.tokens import ZH_STOP, pos_tags

_TAIL = re.compile(r"\s*[（(](?:关于|about)[：:]\s*(?P<items>[^（）()]*)[）)]\s*$")
ZH_GENERIC = set(
    "报告 认为 提到 表示 说 谈到 指出 有 是 做 做了 过 着 又 还 也 都 就 要 会 能 可以 应 应该 "
    "一起 一共 共 总共 目前 后来 曾 曾经 被 截至 根据 按照 呢 吗 吧 啊 些 方面 内容 情况 "
    "哪些方面 主要".split()
)
EN_GENERIC = {"according", "want", "wants", "think", "thinks", "view", "views", "happen",
              "happened", "talk", "talks", "discuss", "discussed", "exactly", "overall",
              "specifically", "mainly", "main", "well", "meant", "make", "made", "ones",
              "something", "anything", "thing", "things"}
_EN_JOINERS = {"of", "for", "on", "and"}
_EN_WH = {"what", "which", "who", "whom", "whose", "how"}
_EN_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-./%]*[A-Za-z0-9%]|[A-Za-z0-9]|[^\sA-Za-z0-9]")


def split_tail(text: str) -> tuple[str, list[str]]:
    """(the question, the phrases of its context tail)."""
    m = _TAIL.search(text)
    if not m:
        return text, []
    items = [i.strip() for i in re.split(r"[、,;；，]", m.group("items")) if i.strip()]
    return text[: m.start()], items


def with_tail(question: str, phrases: list[str], lang: str) -> str:
    if not phrases:
        return question
    if lang == "zh":
        return f"{question}（关于：{'、'.join(phrases)}）"
    return f"{question} (about: {', '.join(phrases)})"


def phrases(text: str, lang: str) -> list[str]:
    """Content phrases in text order: maximal runs of words that are neither function
    words, question words, pronouns nor generic verbs. The run a question word asks
    about ("在什么场合", "which countries") is the kind of answer wanted, not a topic:
    it is left out when all its words are common ones."""
    main, tail = split_tail(text)
    runs = _zh_runs(main) if lang == "zh" else _en_runs(main)
    own = [joined for joined, words, asked in runs
           if not (asked and all(zipf(w.lower()) >= COMMON_ZIPF for w in words))]
    return list(dict.fromkeys([*own, *tail]))


Run = tuple[str, list[str], bool]  # (phrase, its words, asked about by a question word)
_WH = "\u2047"  # stands in for a question word while tokenising


def _zh_runs(text: str) -> list[Run]:
    text = re.sub(f"(?:{ZH_INTERROGATIVE.pattern}|百分之几)", _WH, text)
    runs: list[tuple[list[str], bool]] = [([], False)]
    after_wh = False
    for word, _flag in pos_tags(text):
        if word == _WH:
            after_wh = True
            if runs[-1][0]:
                runs.append(([], False))
            continue
        # words taught to jieba (the documents' names) come tagged "x" like punctuation
        content = (word.strip() and word not in ZH_STOP
                   and word not in ZH_GENERIC and word not in ZH_REFERENCES
                   and not re.fullmatch(r"[\W_]+", word))
        if content:
            if not runs[-1][0]:
                runs[-1] = ([], after_wh)
            runs[-1][0].append(word)
        elif runs[-1][0]:
            runs.append(([], False))
        after_wh = False
    return [("".join(w), w, asked) for w, asked in runs
            if w and (len("".join(w)) >= 2 or "".join(w).isdigit())]


def _en_runs(text: str) -> list[Run]:
    runs: list[tuple[list[str], bool]] = [([], False)]
    after_wh = False
    for tok in _EN_TOKEN.findall(text.replace("’", "'")):
        low = tok.lower().removesuffix("'s")
        word = tok[0].isalnum()
        if word and low in _EN_JOINERS and runs[-1][0]:
            runs[-1][0].append(tok)
            continue
        if low in _EN_WH or (after_wh and low in {"many", "much", "the", "a", "an"}):
            after_wh = True
            if runs[-1][0]:
                runs.append(([], False))
            continue
        content = (word and low not in EN_STOP and low not in EN_GENERIC
                   and low not in EN_REFERENCES)
        if content:
            if not runs[-1][0]:
                runs[-1] = ([], after_wh)
            runs[-1][0].append(tok)
        elif runs[-1][0]:
            runs.append(([], False))
        after_wh = False
    out: list[Run] = []
    for words, asked in runs:
        while words and words[-1].lower() in _EN_JOINERS:
            words.pop()
        if words:
            out.append((" ".join(words), [w for w in words if w.lower() not in _EN_JOINERS],
                        asked))
    return out


def without(phrase: str, terms: list[str]) -> list[str]:
    """The parts of ``phrase`` around ``terms`` (case-insensitive)."""
    parts = [phrase]
    for term in terms:
        pattern = re.compile(re.escape(term), re.I)
        parts = [p.strip(" ,'") for part in parts for p in pattern.split(part)]
    return [p for p in parts if len(p) >= 2]


def contained(phrase: str, text: str) -> bool:
    """The phrase is already in ``text`` (case-insensitive, spacing ignored)."""
    squash = re.compile(r"\s+")
    return squash.sub("", phrase.lower()) in squash.sub("", text.lower())
