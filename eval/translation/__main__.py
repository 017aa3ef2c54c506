"""python -m eval.translation [--plain] [--clauses] [--split tune|holdout|all]
                             [--direction zh-en|en-zh]

Translates the reference set with the local model (cached in eval/translation/cache.jsonl),
checks every output and scores it; prints one table row, writes runs/<config>.jsonl.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eval.translation.cache import CachedTranslator
from eval.translation.run import HERE, Config, run
from rag.translate import model_file
from rag.translate.checks import DEFAULT_SIMILARITY
from rag.translate.prompts import PROMPT_VERSION

DEFAULT_MODEL_DIR = Path.home() / ".cache" / "un-doc-qa" / "models"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.translation")
    ap.add_argument("--direction", choices=["zh-en", "en-zh"], default="zh-en")
    ap.add_argument("--plain", action="store_true", help="no terminology injection")
    ap.add_argument("--clauses", action="store_true", help="translate clause by clause")
    ap.add_argument("--no-number-rules", action="store_true",
                    help="inject terms only, not dates and large numbers")
    ap.add_argument("--placeholders", action="store_true", help="terms as markers [1], [2]")
    ap.add_argument("--split", choices=["tune", "holdout", "all"], default="tune")
    ap.add_argument("--threshold", type=float, default=DEFAULT_SIMILARITY)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--model-dir", type=Path, default=DEFAULT_MODEL_DIR)
    ap.add_argument("--cache", type=Path, default=HERE / "cache.jsonl")
    ap.add_argument("--cached-only", action="store_true", help="never load the model")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    cfg = Config(args.direction, not args.plain, args.clauses, args.split, args.threshold,
                 not args.no_number_rules, args.placeholders)
    identity = f"{model_file.identity()}/{PROMPT_VERSION}"

    def make():
        from rag.translate.local import LocalTranslator

        return LocalTranslator.from_packages(args.model_dir, n_threads=args.threads)

    translator = CachedTranslator(args.cache, identity, None if args.cached_only else make)
    from ingest.embedders import E5Embedding

    records, summary = run(cfg, translator, E5Embedding())
    runs = HERE / "runs"
    runs.mkdir(exist_ok=True)
    with (runs / f"{cfg.name}.jsonl").open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        print(row(summary))
    if summary["unjudged_shown"]:
        print(f"unjudged shown outputs: {', '.join(summary['unjudged_shown'])}", file=sys.stderr)
    return 0


def row(s: dict) -> str:
    p = s["pass"]
    checks = " ".join(f"{k}={v:.2f}" for k, v in p.items())
    return (f"{s['config']['name']}: n={s['n']} chrF={s['chrf']} BLEU={s['bleu']} "
            f"shown={s['shown']:.2f} ({s['n_shown']}) errors_shown={s['errors_shown']} "
            f"unjudged_shown={len(s['unjudged_shown'])} errors_all={s['errors_all']}/"
            f"{s['judged_all']} s/sent={s['s_per_sentence']} | {checks}")


if __name__ == "__main__":
    raise SystemExit(main())
