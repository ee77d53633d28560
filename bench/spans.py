"""Short answers on their own: for each answerable SQuAD question of the chosen articles, the short
answer the bot picks out of the sentence that holds the crowd's answer (retrieval and refusal left
out), scored as ../shared/eval/score.py scores spans (EM and F1 against every gold answer). The
quick way to compare readers and span rules on articles they were not trained on.

    python bench/spans.py --articles 1973_oil_crisis.txt construction.txt      # shipped reader
    BOT_READER_PATH=build/reader/other.onnx python bench/spans.py --articles ... --out other
    python bench/spans.py --articles ... --rules-off whole_extent kind_number

Default articles: the three train10 articles no shipped model was trained on. Prints a row per
answer type asked (questions.answer_kind) and pooled; writes bench/results/spans-OUT.json and .md.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts"), str(HERE)]


def main() -> int:
    from evaluate import load_kit, span_scores
    from train_ranker import HELD_OUT, squad_articles

    from bot import config, rules
    from bot.questions import answer_kind
    from bot.sources import read_source
    from bot.spans import short_answer_in

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--articles", nargs="+", default=list(HELD_OUT), metavar="ARTICLE")
    ap.add_argument("--rules-off", nargs="*", default=[], metavar="RULE")
    ap.add_argument("--out", default="", help="results name: bench/results/spans[-OUT].json/.md")
    args = ap.parse_args()
    rules.switch_off(args.rules_off)
    kit = load_kit(args.eval)
    articles = squad_articles(args.eval / "squad")
    scores: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for name in args.articles:
        path, rows = articles[name]
        title = read_source(path).title  # as the index has it: the article's [[Title]] line
        for row in rows:
            if not row.get("answer") or not row.get("evidence"):
                continue
            sentence, golds = row["evidence"][0], [row["answer"], *row.get("alt_answers", [])]
            kind = answer_kind(row["question"])
            found = short_answer_in([sentence], kind, row["question"], title)
            span = sentence[found[1]: found[2]] if found else sentence
            scores[kind].append(span_scores(kit, span, golds))
            scores["all"].append(scores[kind][-1])
    table = {k: {"n": len(v), "em": round(sum(e for e, _ in v) / len(v), 4), "f1": round(sum(f for _, f in v) / len(v), 4)}
             for k, v in sorted(scores.items(), key=lambda kv: (kv[0] == "all", kv[0]))}
    lines = ["| answer type | n | EM | F1 |", "|---|---|---|---|"]
    lines += [f"| {k} | {r['n']} | {r['em']:.3f} | {r['f1']:.3f} |" for k, r in table.items()]
    meta = {"articles": args.articles, "reader": os.path.relpath(config.reader_path(), ROOT), "rules_off": args.rules_off}
    stem = HERE / "results" / ("spans" + (f"-{args.out}" if args.out else ""))
    stem.with_suffix(".json").write_text(json.dumps({"meta": meta, "rows": table}, indent=1) + "\n", encoding="utf-8")
    stem.with_suffix(".md").write_text(f"{meta}\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
