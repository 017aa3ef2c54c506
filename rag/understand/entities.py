"""Names in a question that the stored documents never mention.

A question about the World Bank, the Swiss franc or 难民署 cannot be answered from a
report that never names them. zh: jieba's proper-noun and unit tags; en: capitalised
names whose dictionary translation is absent. Either way the report does not cover it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rag.language.bridge import EN_STOP, MONTHS, content_stems
from rag.language.specificity import zipf
from rag.language.tokens import english_stemmer, pos_tags, word_tokens

if TYPE_CHECKING:
    from rag.library.snapshot import Snapshot
    from rag.library.textindex import TextView

_CAPS = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]{2,})(?:[\s\-](?:of |the |for |and |on )?"
                   r"(?:[A-Z][a-z]+|[A-Z]{2,}))*")
_ZH_TAGS = {"nt", "ns", "nr", "nz", "q", "nrt"}
_ORG_SUFFIX = ("署", "局", "银行", "基金会", "组织", "公司", "大学")
_DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def occurs(term: str, corpus: TextView) -> bool:
    """In the corpus as is, or without a leading qualifier (联合国教科文组织 -> 教科文组织)."""
    if term in corpus:
        return True
    return any(term[k:] in corpus for k in range(1, len(term) - 2)
               if (len(term) - k) >= 3 and (len(term) - k) / len(term) >= 0.6)


def unknown_entities(question: str, lang: str, corpus: TextView,
                     reverse: dict[tuple[str, ...], list[tuple[str, bool, bool]]]) -> list[str]:
    if lang == "zh":
        return _zh(question, corpus)
    return _en(question, corpus, reverse)


def _zh(question: str, corpus: TextView) -> list[str]:
    out = []
    for word, flag in pos_tags(question):
        named = flag in _ZH_TAGS or (flag.startswith("n") and word.endswith(_ORG_SUFFIX))
        if named and len(word) >= 2 and not occurs(word, corpus):
            out.append(word)
    return out


def _en(question: str, corpus: TextView, reverse: dict) -> list[str]:
    """Capitalised names whose dictionary translations (proper names) all are absent:
    the whole phrase, or failing a translation for it, any one of its words. A name an
    English document writes as the question does is known."""
    out = []
    for m in _CAPS.finditer(question):
        phrase = m.group()
        if m.start() == 0 and " " not in phrase:
            continue  # the capital of the first word says nothing
        if corpus.written(phrase):
            continue
        if phrase.lower() in MONTHS or phrase.lower() in _DAYS:
            continue
        heads = _proper_heads(phrase, reverse)
        if heads:
            if not any(occurs(h, corpus) for h in heads):
                out.append(phrase)
            continue
        for word in phrase.split()[1 if m.start() == 0 else 0:]:
            if zipf(word.lower()) >= RARE_ZIPF_EN + 0.5 and not word.isupper():
                continue  # "Middle" of "Middle East…" is no name of its own
            if corpus.written(word):
                continue
            heads = _proper_heads(word, reverse)
            if heads and not any(occurs(h, corpus) for h in heads):
                out.append(word)
    return out


def _proper_heads(phrase: str, reverse: dict) -> list[str]:
    key = tuple(content_stems(phrase))
    return [h for h, exact, proper in reverse.get(key, []) if exact and proper and len(h) >= 2]


# question words and phrasing, never what a question is about
QUESTION_WORDS = set("多长时间 多少 什么 哪些 哪个 怎样 如何 为什么 何时 多久 哪里 "
                     "多大 几个 哪一年 哪一天 具体 确切 大概 到底 最终".split())
# words of discourse: what a question says about its subject, not the subject
GENERIC_ZH = set("议题 主题 问题 方面 情况 内容 立场 看法 观点 作用 意义 目的 方式 措施 做法 "
                 "结果 编号 所处 部分 人物 名称 名字 数量 时间 地点 原因 方法 角色 态度".split())
RARE_ZIPF = 4.5  # rarer than this in general use: a concept, not a paraphrase
RARE_ZIPF_EN = 3.5


def absent_concepts(question: str, lang: str, snap: Snapshot) -> list[str]:
    """The question's specific concepts that occur nowhere in the stored documents:
    rare nouns (zh), unknown Latin-script names and acronyms (both languages). A common
    word may be a paraphrase; a rare one the documents never use is their subject."""
    if lang == "zh":
        return _absent_zh(question, snap)
    found = [*_absent_latin(question, snap, chinese=False),
             *snap.bridge.absent_compounds(question)]
    # a phrase an English document writes as the question does is there, translated or not
    return [t for t in found if not snap.english_text.written(t)]


def _present(term: str, snap: Snapshot) -> bool:
    return snap.share(term) > 0 or any(snap.share(a) > 0 for a in snap.aliases.get(term, ()))


def _absent_zh(question: str, snap: Snapshot) -> list[str]:
    out = _absent_latin(question, snap, chinese=True)
    lexicon = snap.dictionary
    tokens = list(pos_tags(question))
    for i, (word, flag) in enumerate(tokens):
        if len(word) < 2 or word in QUESTION_WORDS or word in GENERIC_ZH or word.isascii():
            continue
        if _modifies_present(tokens, i, snap):
            continue  # 线下的公民空间: the subject is there, only a qualifier is not
        noun = word not in lexicon.verbs and (
            flag.startswith("n") or (flag.startswith("v") and word in lexicon.common))
        if not noun or _present(word, snap) or zipf(word) >= RARE_ZIPF:
            continue
        parts = [p for p in word_tokens(word) if p != word and len(p) >= 2]
        if parts and all(_present(p, snap) for p in parts):
            continue  # a compound of words the documents use: 资源分配
        out.append(word)
    return out


def _modifies_present(tokens: list[tuple[str, str]], i: int, snap: Snapshot) -> bool:
    """The word qualifies the noun right after it (with or without 的), which the
    documents do mention."""
    j = i + 1
    if j < len(tokens) and tokens[j][0] == "的":
        j += 1
    return j < len(tokens) and tokens[j][1].startswith("n") and len(tokens[j][0]) >= 2 \
        and _present(tokens[j][0], snap)


def _absent_latin(question: str, snap: Snapshot, *, chinese: bool) -> list[str]:
    """Acronyms and capitalised rare words the documents, the UN terminology and the
    dictionary bridge all lack (FIFA, Moderna, Django); and UN bodies the terminology
    knows but the documents never name (the Committee on the Rights of the Child)."""
    out = snap.bridge.absent_names(question)
    # translated concepts (numbers and acronyms that merely pass through do not count)
    known = {p.lower() for p, found, heads in snap.bridge.concepts(question) if found and heads}
    for m in _LATIN_NAME.finditer(question):
        word = m.group()
        if m.start() == 0 and not chinese and not word.isupper():
            continue
        low = word.lower()
        if snap.share(low) > 0 or low in known or any(low in k.split() for k in known):
            continue
        acronym = word.isupper() and len(word) >= 2
        # in a Chinese question a Latin name would be written as the documents write it;
        # an English one may name in English what the documents transliterate, so there
        # only a lone rare word counts (Moderna), not a person's names (Santa Cruz)
        lone = not _next_to_name(question, m.start(), m.end())
        if (chinese and (acronym or zipf(low) < RARE_ZIPF_EN)) or \
                (not chinese and lone and not acronym and zipf(low) < RARE_ZIPF_EN):
            out.append(word)
    return out


def _next_to_name(text: str, start: int, end: int) -> bool:
    before = text[:start].rstrip().split(" ")[-1:] or [""]
    after = text[end:].lstrip().split(" ")[:1] or [""]
    return any(w[:1].isupper() for w in (before[0], after[0]) if w and w[0].isalpha())


_LATIN_NAME = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z]+(?![A-Za-z0-9])")


def named_entities(question: str, lang: str, snap: Snapshot) -> list[list[str]]:
    """Countries and bodies (a committee, an agency) the question names and the
    documents mention, each as its Chinese forms."""
    from rag.understand.slots.places import chinese_names, countries_in

    found: list[list[str]] = []
    if lang == "zh":
        rest = question
        for name in snap.bridge.zh_names:
            at = rest.find(name)
            if len(name) >= 3 and at >= 0:
                found.append([name])
                rest = rest[:at] + "\0" * len(name) + rest[at + len(name):]
    else:
        found += [forms for _, forms in snap.bridge.name_matches(question)]
    found = [forms for forms in found if any(f in snap.bridge.bodies for f in forms)]
    for country in countries_in(question):
        found.append(chinese_names(country) or [country])
    return [forms for forms in found if any(0 < snap.share(f) for f in forms)]


def absent_in_english(question: str, snap: Snapshot) -> list[str]:
    """A Chinese question about documents held only in English: its Latin names, and its
    specific words whose English forms (curated, or the dictionary's) occur nowhere. A
    word without any English form is not judged: it cannot be looked for."""
    out = _absent_latin(question, snap, chinese=True)
    english = snap.english
    if english is None:
        return out
    for zh, forms in snap.zh_en.items():  # curated names jieba would cut up
        if len(zh) >= 3 and zh in question and not any(snap.english_text.written(f)
                                                       for f in forms):
            out.append(zh)
            question = question.replace(zh, " ")
    for word, flag in pos_tags(question):
        if len(word) < 2 or word in QUESTION_WORDS or word in GENERIC_ZH or word.isascii():
            continue
        if not (flag.startswith("n") or flag in _ZH_TAGS) or zipf(word) >= RARE_ZIPF:
            continue
        if english.known(word) and not english(word):
            out.append(word)
    return out


def scope_gaps(question: str, lang: str, within: Snapshot, snap: Snapshot) -> list[str]:
    """A question about one document whose words that other stored documents use are
    missing from it: a near miss across documents ("what does the Declaration say about
    a clean, healthy environment": the report speaks of that, the Declaration never).
    A name is enough (the Roma); else at least two words, and most of those judged."""
    judged: list[str] = []
    gaps: list[str] = []
    names: list[str] = []
    for word, name in content_words(question, lang):
        here = covered(word, lang, within, strict=True)
        elsewhere = covered(word, lang, snap)
        if not elsewhere:
            continue  # nowhere at all: the other rules' business
        judged.append(word)
        if not here:
            (names if name else gaps).append(word)
    if names:
        return names
    return gaps if len(gaps) >= 2 and 2 * len(gaps) > len(judged) else []


def content_words(question: str, lang: str) -> list[tuple[str, bool]]:
    """(word, whether it is written as a name) for the words a near miss turns on."""
    if lang == "zh":
        out = []
        for word, flag in pos_tags(question):
            if len(word) < 2 or word in QUESTION_WORDS or word in GENERIC_ZH:
                continue
            if word.isascii():
                out.append((word, word[:1].isupper()))
            elif flag.startswith(("n", "v")):
                out.append((word, flag in _ZH_TAGS))
        return out
    words = re.findall(r"[A-Za-z][A-Za-z\-]+", question)
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        if len(low) < 4 or low in EN_STOP:
            continue
        out.append((low, i > 0 and word[0].isupper() and not word.isupper()))
    return out


def covered(word: str, lang: str, snap: Snapshot, *, strict: bool = False) -> bool:
    """The word, or a translation of it, in the snapshot's documents. ``strict``: where
    they hold a version in the question's language, as that version writes it (the
    dictionary's guesses at a translation say little about one document)."""
    if snap.share(word) > 0:
        return True
    if lang == "zh" and not word.isascii():
        if strict and "zh" in snap.langs:
            return False
        return bool(snap.english and snap.english(word))
    stem = english_stemmer().stemWord(word.lower())
    if snap.english is not None and stem in snap.english.stems:
        return True
    if strict and snap.english is not None:
        return False
    return bool(snap.bridge.terms_for(word))
