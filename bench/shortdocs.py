"""Short documents of the kind users upload (notes, a FAQ, a policy, a recipe: a page or less, where
headings carry meaning): bench/shortdocs/*.md, each indexed alone as an upload is, and 64
questions on them (a quarter unanswerable, some follow-ups) in bench/shortdocs/questions.jsonl.
Written by us; no model is trained on them. bench/shortdocs_heldout (session 34),
bench/shortdocs_fresh (session 35) and bench/shortdocs_unseen (session 40) are three more sets of
the same kind (six other documents and 66 questions each), each written after the rules before it
and measured before any reply on it was read (bench/README.md has those first figures; later
fixes came from their replies).

    python bench/shortdocs.py                                   # writes bench/results/shortdocs.md
    python bench/shortdocs.py --docs bench/shortdocs_heldout    # writes bench/results/shortdocs_heldout.md
    python bench/shortdocs.py --docs bench/shortdocs_fresh      # ... and so for bench/shortdocs_unseen
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]
DOCS = HERE / "shortdocs"
SETS = sorted(p.parent for p in HERE.glob("shortdocs*/questions.jsonl"))  # every set of its kind, DOCS first


def answer_all(kit, docs: Path = DOCS) -> list[dict]:
    """Every question of a short-document set (`docs`/questions.jsonl) scored (score_row), each
    document indexed alone as an upload is, with the models BOT_RANKER_PATH names (the shipped ones
    by default)."""
    from evaluate import score_row

    import bot
    from bot.store import build

    rows = [json.loads(line) for line in (docs / "questions.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    work = Path(tempfile.mkdtemp(prefix="shortdocs-"))
    out = []
    for doc in sorted({r["doc"] for r in rows}):
        b = bot.Bot.load(build([docs / doc], work / doc))
        raws = [(docs / doc).read_text(encoding="utf-8")]
        out += [{**score_row(r, b.answer, kit, raws), "doc": doc} for r in rows if r["doc"] == doc]
    return out


def main() -> int:
    from evaluate import load_kit, summarise, write_table

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=Path, default=DOCS, help="a directory of documents and their questions.jsonl")
    docs = ap.parse_args().docs.resolve()
    everything = answer_all(load_kit(ROOT.parent / "shared" / "eval"), docs)
    table = {}
    for doc in sorted({r["doc"] for r in everything}):
        results = [r for r in everything if r["doc"] == doc]
        table[f"{doc} ({len(results)})"] = summarise(results)
    table[f"all ({len(everything)})"] = summarise(everything)
    followups = [r for r in everything if r["kind"] == "followup"]
    table[f"follow-ups ({len(followups)})"] = summarise(followups)
    write_table(table, {"docs": sorted({r["doc"] for r in everything})}, HERE / "results" / docs.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
