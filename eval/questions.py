"""Question files (JSONL): one question per line, checked line by line.

``gold`` lists the units that answer: a bare number is a paragraph of the default
document (the seed report), ``[doc_id, n]`` names its document. Language versions of a
document share its symbol, so ``["A/RES/217(III)", 5]`` is article 5 in any language.
A follow-up carries ``history`` (the earlier questions, asked first, in order) and
``standalone`` (the same question written out in full); its gold is the follow-up's.
``kind`` says what sort of question it is (fact, near_miss_same, false_premise,
off_domain…), ``about`` the documents it is about or near (for leave-one-document-out;
by default those its gold names, "" for the default document), and a false premise's
``premise`` what it wrongly presupposes, its gold the unit that says otherwise.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ingest.base import symbol_of

FIELDS = ("id", "lang", "question", "gold", "must_include_any", "answerable")
LANGS = ("zh", "en")
Gold = tuple[str | None, int]  # (document symbol, n); None: the default document


class QuestionFileError(ValueError):
    """A malformed question file; the message names the file and line."""


@dataclass(frozen=True)
class Question:
    id: str
    lang: str
    question: str
    gold: tuple[Gold, ...]
    must_include_any: tuple[str, ...]
    answerable: bool
    kind: str = ""  # named, unnamed, neighbour, near_miss… (multi-document sets)
    history: tuple[str, ...] = ()  # earlier questions of the conversation
    standalone: str = ""  # the follow-up written out in full
    about: tuple[str, ...] = ()  # the documents it is about or near (symbols); () off-domain
    premise: str = ""  # a false premise: what it wrongly presupposes (gold: what says so)

    @property
    def false_premise(self) -> bool:
        return bool(self.premise) or self.kind == "false_premise"


def load_questions(path: Path) -> list[Question]:
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise QuestionFileError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise QuestionFileError(f"{path}: not UTF-8 text") from None
    questions: list[Question] = []
    seen: set[str] = set()
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        q = _parse(line, f"{path}, line {lineno}")
        if q.id in seen:
            raise QuestionFileError(f"{path}, line {lineno}: duplicate id {q.id!r}")
        seen.add(q.id)
        questions.append(q)
    if not questions:
        raise QuestionFileError(f"{path}: no questions")
    return questions


def _parse(line: str, where: str) -> Question:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as err:
        raise QuestionFileError(f"{where}: bad JSON ({err.msg} at column {err.colno})") from None
    if not isinstance(obj, dict):
        raise QuestionFileError(f"{where}: expected a JSON object")
    missing = [f for f in FIELDS if f not in obj]
    if missing:
        raise QuestionFileError(f"{where}: missing field(s) {', '.join(missing)}")
    if obj["lang"] not in LANGS:
        raise QuestionFileError(f"{where}: unknown lang {obj['lang']!r} (expected zh or en)")
    if not isinstance(obj["question"], str) or not obj["question"].strip():
        raise QuestionFileError(f"{where}: question must be a non-empty string")
    gold, must = obj["gold"], obj["must_include_any"]
    if not isinstance(gold, list) or not all(_gold_ok(g) for g in gold):
        raise QuestionFileError(f"{where}: gold must be a list of paragraph numbers or "
                                "[doc_id, n] pairs")
    if not isinstance(must, list) or not all(isinstance(m, str) for m in must):
        raise QuestionFileError(f"{where}: must_include_any must be a list of strings")
    if not isinstance(obj["answerable"], bool):
        raise QuestionFileError(f"{where}: answerable must be true or false")
    if obj["answerable"] and not gold:
        raise QuestionFileError(f"{where}: an answerable question needs gold paragraphs")
    history, standalone = obj.get("history", []), obj.get("standalone", "")
    if not isinstance(history, list) or not all(isinstance(h, str) and h.strip()
                                                for h in history):
        raise QuestionFileError(f"{where}: history must be a list of earlier questions")
    if not isinstance(standalone, str):
        raise QuestionFileError(f"{where}: standalone must be a string")
    about, premise = obj.get("about"), obj.get("premise", "")
    if about is not None and not (isinstance(about, list)
                                  and all(isinstance(a, str) and a for a in about)):
        raise QuestionFileError(f"{where}: about must be a list of document ids")
    if not isinstance(premise, str):
        raise QuestionFileError(f"{where}: premise must be a string")
    pairs = tuple((None, g) if isinstance(g, int) else (symbol_of(g[0]), g[1]) for g in gold)
    if about is None:  # what its gold names, or the default document
        about = list(dict.fromkeys(doc for doc, _ in pairs if doc)) or (
            [] if obj.get("kind") in ("off_domain", "nonsense") else [""])
    return Question(str(obj["id"]), obj["lang"], obj["question"], pairs, tuple(must),
                    obj["answerable"], str(obj.get("kind", "")), tuple(history),
                    standalone.strip(), tuple(symbol_of(a) if a else a for a in about),
                    premise.strip())


def _gold_ok(g: object) -> bool:
    if isinstance(g, bool):
        return False
    if isinstance(g, int):
        return g >= 0
    return (isinstance(g, list) and len(g) == 2 and isinstance(g[0], str) and bool(g[0])
            and isinstance(g[1], int) and not isinstance(g[1], bool) and g[1] >= 0)
