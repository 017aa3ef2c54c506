"""The judge's training rows: every question of the dev files asked through ``QA.ask``,
with the signals the judge read, in three libraries: the seed alone, the seed beside the
three treaties and the 2025 report, and every evaluation document. A question is asked
in each library that holds the documents it is about: what "in the library" and "the
closest paragraph" mean changes with what else is stored, and the judge must hold in each."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from eval.evaluator import QAEvaluator
from eval.questions import Question, load_questions
from ingest.base import symbol_of
from rag.factory import Components

QUESTIONS = Path(__file__).resolve().parent.parent / "questions"
# every question written for development; the old holdout and the sealed one stay out
DEV_FILES = (*sorted((QUESTIONS / "judge").glob("*.jsonl")), QUESTIONS / "dev.jsonl",
             QUESTIONS / "multidoc.jsonl", QUESTIONS / "followup.jsonl")
DOCS = Path(__file__).resolve().parent.parent / "docs"
LIBRARY = DOCS / "library.json"


@dataclass(frozen=True)
class Library:
    name: str
    manifest: Path | None  # beside the seed; None: the seed alone

    def documents(self, seed: str) -> set[str]:
        """The symbols it holds."""
        if self.manifest is None:
            return {seed}
        entries = json.loads(self.manifest.read_text(encoding="utf-8"))
        return {seed, *(e["doc_id"] for e in entries)}

    def asks(self, q: Question, seed: str) -> bool:
        """Whether the question is asked here: it holds every document it is about."""
        return {a or seed for a in q.about} <= self.documents(seed)


LIBRARIES = (Library("seed", None), Library("treaties", DOCS / "treaties.json"),
             Library("all", LIBRARY))


@dataclass
class Row:
    id: str
    file: str
    lang: str
    answerable: bool
    false_premise: bool
    kind: str
    group: str  # the document it is about (leave-one-document-out folds by it)
    signals: dict[str, float]
    outcome: str
    probability: float | None
    gold_in_top5: bool
    reason: str = ""
    about: list[str] = field(default_factory=list)
    library: str = "all"


def group_of(about: Sequence[str]) -> str:
    """One fold per document; a draft and its adopted text are one; no document: apart."""
    if not about:
        return "(none)"
    first = sorted(about)[0]
    return "A/HRC/RES/59/25" if first == "A/HRC/59/L.17" else first


def fingerprint(files: Sequence[Path]) -> str:
    """Of the question files and the libraries they are asked in."""
    digest = hashlib.sha256()
    manifests = [lib.manifest for lib in LIBRARIES if lib.manifest is not None]
    for path in [*files, *manifests]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def collect(components: Components, library: Library, files: Sequence[Path],
            default_doc: str, *, progress: bool = True) -> list[Row]:
    """The rows of every question the library can be asked (``default_doc``: the seed's
    symbol, what a bare paragraph number means)."""
    seed = symbol_of(default_doc)
    rows: list[Row] = []
    for path in files:
        questions: list[Question] = [q for q in load_questions(path)
                                     if library.asks(q, seed)]
        if not questions:
            continue
        run = QAEvaluator(questions, progress=progress, default_doc=default_doc)(components.qa)
        for o in run.outcomes:
            rows.append(Row(o.id, path.name, o.lang, o.answerable, o.false_premise, o.kind,
                            group_of(o.about), o.signals, o.decided, o.probability,
                            bool(set(o.retrieved) & set(o.gold)), o.reason, o.about,
                            library.name))
    return rows


def save(rows: Sequence[Row], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(asdict(r), ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")


def load(path: Path) -> list[Row]:
    return [Row(**json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
