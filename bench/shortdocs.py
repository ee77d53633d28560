"""Short documents of the kind users upload (notes, a FAQ, a policy, a recipe: a page or less, where
headings carry meaning): bench/shortdocs/*.md, each indexed alone as an upload is, and 64
questions on them (a quarter unanswerable, some follow-ups) in bench/shortdocs/questions.jsonl.
Written by us; no model is trained on them.

    python bench/shortdocs.py        # prints the table and writes bench/results/shortdocs.md
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]
DOCS = HERE / "shortdocs"


def answer_all(kit) -> list[dict]:
    """Every question of bench/shortdocs scored (score_row), each document indexed alone as an
    upload is, with the models BOT_RANKER_PATH names (the shipped ones by default)."""
    from evaluate import score_row

    import bot
    from bot.store import build

    rows = [json.loads(line) for line in (DOCS / "questions.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    work = Path(tempfile.mkdtemp(prefix="shortdocs-"))
    out = []
    for doc in sorted({r["doc"] for r in rows}):
        b = bot.Bot.load(build([DOCS / doc], work / doc))
        raws = [(DOCS / doc).read_text(encoding="utf-8")]
        out += [{**score_row(r, b.answer, kit, raws), "doc": doc} for r in rows if r["doc"] == doc]
    return out


def main() -> int:
    from evaluate import load_kit, summarise, write_table

    everything = answer_all(load_kit(ROOT.parent / "shared" / "eval"))
    table = {}
    for doc in sorted({r["doc"] for r in everything}):
        results = [r for r in everything if r["doc"] == doc]
        table[f"{doc} ({len(results)})"] = summarise(results)
    table[f"all ({len(everything)})"] = summarise(everything)
    followups = [r for r in everything if r["kind"] == "followup"]
    table[f"follow-ups ({len(followups)})"] = summarise(followups)
    write_table(table, {"docs": sorted({r["doc"] for r in everything})}, HERE / "results" / "shortdocs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
