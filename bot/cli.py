"""Command line: `python -m bot index SOURCE... --out DIR` and `python -m bot ask "question"`."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from . import config


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bot", description="Answer questions about an article by quoting it.")
    sub = ap.add_subparsers(dest="command", required=True)
    ix = sub.add_parser("index", help="build an index of .txt/.md articles")
    ix.add_argument("sources", nargs="+", type=Path, metavar="SOURCE")
    ix.add_argument("--out", type=Path, required=True, help="index directory to write (replaced atomically)")
    ask = sub.add_parser("ask", help="answer one question")
    ask.add_argument("question")
    ask.add_argument("--index", type=Path, default=None, help=f"index directory (default: {config.DEFAULT_INDEX_DIR})")
    ask.add_argument("--json", action="store_true", help="print the reply as JSON")
    args = ap.parse_args(argv)

    from .index import IndexProblem
    from .sources import SourceError

    try:
        code = _index(args) if args.command == "index" else _ask(args)
        sys.stdout.flush()  # here, so that a closed pipe is caught below rather than at exit
        return code
    except (IndexProblem, SourceError, ValueError, RuntimeError) as e:  # RuntimeError: a model file is unusable
        print(f"error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # whoever reads the output stopped early (`| head -1`): nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _index(args) -> int:
    from .index import build, load

    t = time.perf_counter()
    out = build(args.sources, args.out, progress=True)
    m = load(out).manifest
    print(f"indexed {m['sentences']} sentences in {m['paragraphs']} paragraphs of {len(m['sources'])} "
          f"source(s) into {out} in {time.perf_counter() - t:.1f} s")
    return 0


def _ask(args) -> int:
    import bot

    reply = bot.Bot.load(args.index).answer(args.question) if args.index else bot.answer(args.question)
    print(json.dumps(reply.to_dict(), ensure_ascii=False, indent=1) if args.json else reply.text)
    return 0
