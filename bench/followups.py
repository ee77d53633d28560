"""Follow-ups on an article other than the default one: each row of bench/followups/ARTICLE.jsonl
is a conversation (its earlier questions in `history`) whose last question leans on them ("When did
that stadium open?"), answerable or not, scored as the evaluation kit scores conversations. The
default article's follow-ups are in bench/questions/; these say whether what decides a follow-up
(the verifier reading it alone, `followup_doubt`) holds on an article no rule was written for.

    python bench/followups.py          # prints the table and writes bench/results/followups.md
    BOT_RANKER_PATH=models.json python bench/followups.py --out NAME   # other models

Each article is indexed from ../shared/eval/squad/ (Super Bowl 50, or its dev25/ or train10/) first.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]


def main() -> int:
    from evaluate import load_kit, score_row, summarise, write_table
    from paraphrase import article_bot

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="followups", help="results file name in bench/results/")
    args = ap.parse_args()
    kit = load_kit(ROOT.parent / "shared" / "eval")
    rows, pooled = {}, []
    paths = sorted((HERE / "followups").glob("*.jsonl"))
    for path in paths:
        b, docs = article_bot(path.stem)
        raws = [d.read_text(encoding="utf-8") for d in docs]
        results = [score_row(q, b.answer, kit, raws) for q in kit.load_rows(str(path), 0)]
        pooled += results
        rows[f"{path.stem} ({len(results)})"] = summarise(results)
        print(f"{path.stem}: refusals by reason {dict(Counter(r['reason'] for r in results if not r['found']))}")
    if len(paths) > 1:
        rows[f"all ({len(pooled)})"] = summarise(pooled)
    write_table(rows, {"sets": [p.name for p in paths]}, HERE / "results" / args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
