"""Would a language model's second opinion help the judge? The packaged model (Qwen2.5-
Coder-1.5B) reads a question's two closest paragraphs and says yes or no to "does the
passage state the answer?"; its P(yes), from the logits of its first token, is compared
with the judge's probability, alone and combined (logistic regression on the two
log-odds, each document's rows scored by a fit without them), and the outcomes are
simulated with the opinion asked only for the questions the judge hedges.

    python -m eval.answerability.opinion [--per-file 40] [--reuse] [--fit]

Asks the seed's judge questions in the seed library and the others in the library of
every evaluation document (``reports/judge/store``, built by ``eval.train_answerability``);
false premises apart. About 4 s a question on 2 cores. ``--reuse`` reads the saved rows;
``--fit`` writes the combiner the judge reads with ``RAG_JUDGE_OPINION=local``
(``rag/judge/opinion.json``), fitted on every row, with the figures above in it.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import date
from pathlib import Path

import click
import numpy as np
from tqdm import tqdm

from eval.answerability.dataset import QUESTIONS, group_of
from eval.answerability.fit import auc, decide
from rag.judge.opinion import OPINION_FILE, logit, yes_probability

THRESHOLDS = {"zh": (0.70, 0.32), "en": (0.575, 0.35)}  # the shipped judge's
OPINION_AT = (0.7, 0.3)  # the combined probability: answer at or above, refuse below


def sample(per_file: int, seed: int = 11) -> list[tuple[str, dict]]:
    """(library, question): half answerable, half not, from each judge file."""
    rng = random.Random(seed)
    out = []
    for path in sorted((QUESTIONS / "judge").glob("*.jsonl")):
        qs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        qs = [q for q in qs if q.get("kind") != "false_premise"]
        half = per_file // 2
        for answerable in (True, False):
            pool = [q for q in qs if q["answerable"] is answerable]
            out += [("seed" if "seed" in path.name else "all", q)
                    for q in rng.sample(pool, min(half, len(pool)))]
    return out


def collect(questions: list[tuple[str, dict]], store: Path, llm) -> list[dict]:
    from rag.config import Settings
    from rag.factory import ready

    components = {name: ready(Settings(store_dir=store / name, translate_live=False))
                  for name in sorted({lib for lib, _ in questions})}
    rows = []
    for library, q in tqdm(questions, desc="second opinions", unit="question"):
        answer = components[library].qa.ask(q["question"])
        passages = [h.paragraph.text for h in answer.retrieved[:2]]
        verdict = answer.verdict
        rows.append({"id": q["id"], "lang": q["lang"], "answerable": q["answerable"],
                     "kind": q.get("kind", ""), "group": group_of(q.get("about") or []),
                     "judge": verdict.probability if verdict else 0.0,
                     "p_yes": yes_probability(llm, q["question"], passages) if passages else 0.0})
    return rows


def features(rows: list[dict]) -> np.ndarray:
    """What the combiner reads: the log-odds of the judge's probability and of P(yes)."""
    return np.array([[logit(r["judge"]), logit(r["p_yes"])] for r in rows])


def combined_out_of_fold(rows: list[dict]) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression

    X = features(rows)
    y = np.array([r["answerable"] for r in rows])
    groups = np.array([r["group"] for r in rows])
    p = np.zeros(len(rows))
    for g in set(groups):
        fit = groups != g
        if len(set(y[fit])) < 2:
            continue
        p[groups == g] = LogisticRegression().fit(X[fit], y[fit]).predict_proba(
            X[groups == g])[:, 1]
    return p


def fit(rows: list[dict], path: Path = OPINION_FILE) -> dict:
    """The combiner on every row, and its measured figures, as ``OpinionModel`` reads it."""
    from sklearn.linear_model import LogisticRegression

    X = features(rows)
    y = np.array([r["answerable"] for r in rows])
    model = LogisticRegression().fit(X, y)
    both = combined_out_of_fold(rows)
    yf = y.astype(float)
    raw = {"format": 1, "version": f"opinion-{date.today().isoformat()}",
           "judge_weight": round(float(model.coef_[0][0]), 6),
           "opinion_weight": round(float(model.coef_[0][1]), 6),
           "intercept": round(float(model.intercept_[0]), 6),
           "answer_at": OPINION_AT[0], "refuse_below": OPINION_AT[1],
           "rows": len(rows), "auc_leave_one_document_out": round(auc(both, yf), 4),
           "auc_judge": round(auc(np.array([r["judge"] for r in rows]), yf), 4),
           "auc_opinion": round(auc(np.array([r["p_yes"] for r in rows]), yf), 4)}
    path.write_text(json.dumps(raw, indent=1) + "\n", encoding="utf-8")
    return raw


def outcome(p: float, at: tuple[float, float]) -> str:
    return decide(np.array([p]), *at)[0]


def rates(rows: list[dict], judged: Callable[[int, dict], str]) -> dict[str, str]:
    out = {}
    for lang in ("zh", "en"):
        mine = [(i, r) for i, r in enumerate(rows) if r["lang"] == lang]
        ans = [judged(i, r) for i, r in mine if r["answerable"]]
        una = [judged(i, r) for i, r in mine if not r["answerable"]]
        out[lang] = (f"answerable {len(ans)}: refused {ans.count('refusal') / len(ans):.1%}, "
                     f"hedged {ans.count('hedge') / len(ans):.1%}; unanswerable {len(una)}: "
                     f"answered {una.count('answer') / len(una):.1%}")
    return out


def report(rows: list[dict]) -> str:
    y = np.array([r["answerable"] for r in rows], dtype=float)
    judge = np.array([r["judge"] for r in rows])
    yes = np.array([r["p_yes"] for r in rows])
    both = combined_out_of_fold(rows)
    lines = [f"{len(rows)} questions ({int(y.sum())} answerable) over "
             f"{len({r['group'] for r in rows})} document groups",
             f"AUC: judge {auc(judge, y):.3f}, model's P(yes) {auc(yes, y):.3f}, "
             f"both (leave one document out) {auc(both, y):.3f}"]
    for lang in ("zh", "en"):
        m = np.array([r["lang"] == lang for r in rows])
        lines.append(f"  {lang}: judge {auc(judge[m], y[m]):.3f}, P(yes) {auc(yes[m], y[m]):.3f}")

    def alone(_i: int, r: dict) -> str:
        return outcome(r["judge"], THRESHOLDS[r["lang"]])

    lines.append("judge alone: " + "; ".join(f"{k} {v}" for k, v in rates(rows, alone).items()))
    for at in (OPINION_AT, (0.65, 0.45), (0.6, 0.4)):
        def asked(i: int, r: dict, at: tuple[float, float] = at) -> str:
            first = alone(i, r)
            return outcome(both[i], at) if first == "hedge" else first

        lines.append(f"opinion on the hedged, answer >= {at[0]}, refuse < {at[1]}: "
                     + "; ".join(f"{k} {v}" for k, v in rates(rows, asked).items()))
    return "\n".join(lines)


@click.command()
@click.option("--per-file", default=40, show_default=True,
              help="Questions drawn from each judge file, half of them answerable.")
@click.option("--store", type=click.Path(path_type=Path), default=Path("reports/judge/store"),
              show_default=True, help="The libraries eval.train_answerability built.")
@click.option("--rows", "rows_path", type=click.Path(path_type=Path),
              default=Path("reports/opinion/rows.jsonl"), show_default=True)
@click.option("--reuse", is_flag=True, help="Report on the saved rows; ask nothing.")
@click.option("--fit", "fit_", is_flag=True, help=f"Write the combiner to {OPINION_FILE.name}.")
def main(per_file: int, store: Path, rows_path: Path, reuse: bool, fit_: bool) -> None:
    if reuse:
        rows = [json.loads(line) for line in rows_path.read_text(encoding="utf-8").splitlines()]
    else:
        from llama_cpp import Llama

        from rag.config import Settings
        from rag.translate import model_file

        settings = Settings()
        llm = Llama(model_path=str(model_file.ensure_model(settings.model_dir)), n_threads=2,
                    n_ctx=2048, verbose=False)
        rows = collect(sample(per_file), store, llm)
        rows_path.parent.mkdir(parents=True, exist_ok=True)
        rows_path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    click.echo(report(rows))
    if fit_:
        fit(rows)
        click.echo(f"wrote {OPINION_FILE}", err=True)


if __name__ == "__main__":
    main(prog_name="python -m eval.answerability.opinion")
