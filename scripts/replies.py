"""Replies before and after a change: dump every reply of the question sets, then compare two dumps.

    python scripts/replies.py dump before/            # dev, bench/questions, Super Bowl 50, train10
    python scripts/replies.py dump after/ --sets dev followups
    python scripts/replies.py compare before/ after/  # lists every reply that differs; exit 1 if any

A refactoring must leave every reply as it was (found, span, citations, closest, text and reason);
`--ignore text` compares everything else, for a change meant to alter the markdown only.
Conversations are played as ../shared/eval/score.py plays them: earlier turns first, the history
holding only the markdown of each answer (what a plain Gradio client sends).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(ROOT))


def question_sets() -> dict[str, tuple[list[Path], Path]]:
    """Set name -> (documents to index, or [] for the default article; its questions)."""
    sets = {"dev": ([], SHARED / "dev.jsonl")}
    sets |= {p.stem: ([], p) for p in sorted((ROOT / "bench" / "questions").glob("*.jsonl"))}
    squad = SHARED / "squad"
    sets["super_bowl_50"] = ([squad / "super_bowl_50.txt"], squad / "super_bowl_50.jsonl")
    sets["train10"] = (sorted((squad / "train10").glob("*.txt")), squad / "train10.jsonl")
    return sets


def _reply_row(row: dict, reply) -> dict:
    out = {"id": row["id"], "question": row["question"]}
    out.update({k: v for k, v in asdict(reply).items() if k != "cited"})
    return out


def dump(out: Path, names: list[str]) -> None:
    import bot

    out.mkdir(parents=True, exist_ok=True)
    for name, (docs, questions) in question_sets().items():
        if names and name not in names:
            continue
        if not questions.is_file():
            print(f"{name}: {questions} is absent, skipped")
            continue
        if docs:
            index = Path(tempfile.mkdtemp(prefix=f"replies-{name}-")) / "index"
            from bot.store import build

            b = bot.Bot.load(build(docs, index))
        else:
            b = bot.default_bot()
        rows = [json.loads(line) for line in questions.read_text(encoding="utf-8").splitlines() if line.strip()]
        with open(out / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            for row in rows:
                history: list[dict] = []
                for prev in row.get("history") or []:
                    r = b.answer(prev, list(history))
                    history += [{"role": "user", "content": prev}, {"role": "assistant", "content": r.text}]
                fh.write(json.dumps(_reply_row(row, b.answer(row["question"], history)), ensure_ascii=False) + "\n")
        print(f"{name}: {len(rows)} replies")


def compare(before: Path, after: Path, ignore: set[str]) -> int:
    differ = 0
    for old_file in sorted(before.glob("*.jsonl")):
        new_file = after / old_file.name
        if not new_file.is_file():
            print(f"{old_file.stem}: not in {after}")
            continue
        old = [json.loads(x) for x in old_file.read_text(encoding="utf-8").splitlines()]
        new = [json.loads(x) for x in new_file.read_text(encoding="utf-8").splitlines()]
        changed = 0
        for a, b in zip(old, new):
            keys = (set(a) | set(b)) - ignore  # a field only one dump has (added since) is not compared
            diff = sorted(k for k in keys if k in a and k in b and a[k] != b[k])
            if diff:
                changed += 1
                print(f"  {old_file.stem} {a['id']}: {', '.join(diff)} differ ({a['question'][:70]})")
        differ += changed + abs(len(old) - len(new))
        print(f"{old_file.stem}: {len(old)} replies, {changed} differ")
    return 1 if differ else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--sets", nargs="*", default=[])
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--ignore", nargs="*", default=[])
    args = ap.parse_args()
    if args.command == "dump":
        dump(args.out, args.sets)
        return 0
    return compare(args.before, args.after, set(args.ignore))


if __name__ == "__main__":
    sys.exit(main())
