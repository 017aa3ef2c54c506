"""Does a second reading tell good translations from bad? Translate the judged rows of an
audit again with one more instruction in the prompt, and measure how well the two
readings' agreement separates the rows judged factual from the others.

    python -m eval.translation.readings eval/translation/audit/a3-judged.jsonl

Needs the packaged model (about 4 s a sentence on 2 cores). Prints the AUC of
disagreement against the verdicts and, for each agreement threshold, how many rows a
gate would keep and how many of them are factual errors; ``--out`` keeps the readings.
"""

from __future__ import annotations

import argparse
import json
import re
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING

from tqdm import tqdm

from eval.answerability.fit import auc
from eval.translation.refresh import with_document
from ingest.parser import parse_document
from rag.config import SEED_FILE, Settings
from rag.translate.checked import CheckedTranslator
from rag.translate.checks import Checker
from rag.translate.prompts import clean, max_tokens, messages
from rag.translate.service import sentence_context
from rag.translate.terms import Terminology

if TYPE_CHECKING:
    from rag.translate.local import LocalTranslator

_ANCHOR = "Keep every number, date, percentage and symbol. "
SECOND = ("Translate the whole text: every clause, every item of a list and every qualifier, "
          "in the same order; do not shorten or summarise, and add nothing. ")
_WORD = re.compile(r"[A-Za-z]+|\d+")


def agreement(a: str, b: str) -> float:
    """How much of two English readings is the same words in the same order (0..1)."""
    x = [w.lower() for w in _WORD.findall(a)]
    y = [w.lower() for w in _WORD.findall(b)]
    return SequenceMatcher(None, x, y, autojunk=False).ratio()


class SecondReader:
    """The model behind the shipped prompt with ``SECOND`` added: a translator that
    ``CheckedTranslator`` injects terms and context for, as it does for the first."""

    def __init__(self, llm: LocalTranslator) -> None:
        self.llm = llm
        self.identity = f"{llm.identity}/second"

    def translate(self, text: str, src_lang: str, tgt_lang: str, context: str = "") -> str:
        chat = messages(text, src_lang, tgt_lang, context)
        if _ANCHOR not in chat[0]["content"]:
            raise RuntimeError("the shipped prompt no longer says where SECOND goes")
        chat[0]["content"] = chat[0]["content"].replace(_ANCHOR, _ANCHOR + SECOND)
        return clean(self.llm.complete(chat, max_tokens(text)), text)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("audit", type=Path, help="a judged audit file (JSON lines)")
    parser.add_argument("--out", type=Path, help="write each row's second reading here")
    args = parser.parse_args(argv)
    from rag.translate.local import LocalTranslator  # loads llama-cpp: only when run

    settings = Settings()
    doc = parse_document(SEED_FILE.read_text(encoding="utf-8"), name=SEED_FILE.name)
    paragraphs = {p.id: p.text for p in doc.paragraphs}
    terms = with_document(Terminology.load(), list(paragraphs.values()))
    llm = LocalTranslator.from_packages(settings.model_dir, n_threads=settings.translate_threads)
    reader = CheckedTranslator(SecondReader(llm), terms, Checker(terms))
    rows = [json.loads(line) for line in args.audit.read_text(encoding="utf-8").splitlines()]
    scored = []
    out = args.out.open("w", encoding="utf-8") if args.out else None
    for r in tqdm(rows, desc="second readings", unit="sentence"):
        context = sentence_context(paragraphs.get(r["para_id"], ""), r["source"])
        second = reader(r["source"], "zh", "en", context=context).text
        scored.append((agreement(r["text"], second), r["verdict"] == "factual"))
        if out:
            out.write(json.dumps({"id": r["id"], "second": second}, ensure_ascii=False) + "\n")
    import numpy as np

    s = np.array([a for a, _ in scored])
    y = np.array([f for _, f in scored], dtype=float)
    print(f"{len(rows)} rows, {int(y.sum())} factual; AUC of disagreement {auc(-s, y):.3f}")
    print("agreement >= | kept | factual among kept")
    for tau in (1.0, 0.95, 0.9, 0.85, 0.8):
        kept = s >= tau
        print(f"{tau:.2f} | {int(kept.sum())} | {int(y[kept].sum())} "
              f"({y[kept].mean() if kept.any() else 0:.1%})")


if __name__ == "__main__":
    main()
