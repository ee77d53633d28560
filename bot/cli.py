"""Command line: `python -m bot index SOURCE... --out DIR`, `python -m bot ask "question"`,
`python -m bot chat` (a conversation on stdin), `python -m bot check DIR` (every file of an index
against its checksum) and `python -m bot rules` (the hand rules)."""
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
    ix.add_argument("--milvus", metavar="URI", help="keep the sentences in Milvus: http://HOST:19530 for a server "
                    "(token from MILVUS_TOKEN), or a local .db file for Milvus Lite")
    ix.add_argument("--collection", help="the Milvus collection to write, replaced (default: bot_ and the --out name)")
    ask = sub.add_parser("ask", help="answer one question")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print the reply as JSON")
    chat = sub.add_parser("chat", help="a conversation: one question per line on stdin, follow-ups included")
    check = sub.add_parser("check", help="check every file of an index against its checksum (loading checks "
                           "only sizes when the index is large)")
    check.add_argument("directory", type=Path, nargs="?", default=None,
                       help=f"index directory (default: {config.index_dir()})")
    sub.add_parser("rules", help="list the hand rules, whether each is on (BOT_RULES_OFF switches them off), and why")
    for answering in (ask, chat):
        answering.add_argument("--index", type=Path, default=None,
                               help=f"index directory (default: {config.index_dir()})")
        answering.add_argument("--caution", type=_caution, default=None, metavar="X",
                               help="how readily it refuses: the refusal threshold times X (default: BOT_CAUTION or 1; "
                               "0 refuses by the hand rules alone, 2 refuses more)")
    args = ap.parse_args(argv)

    from .index import IndexProblem
    from .sources import SourceError

    try:
        code = {"index": _index, "ask": _ask, "chat": _chat, "check": _check, "rules": _rules}[args.command](args)
        sys.stdout.flush()  # here, so that a closed pipe is caught below rather than at exit
        return code
    except (IndexProblem, SourceError, ValueError, RuntimeError) as e:  # RuntimeError: a model file is unusable
        print(f"error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # whoever reads the output stopped early (`| head -1`): nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _caution(text: str) -> float:
    try:
        return config.caution(text)
    except ValueError as e:  # argparse then prints the reason, not only "invalid value"
        raise argparse.ArgumentTypeError(str(e)) from e


def _index(args) -> int:
    from .milvus_store import Target
    from .store import build, load

    t = time.perf_counter()
    # Milvus names: letters, digits and underscores, a letter first
    name = args.collection or "bot_" + "".join(c if c.isalnum() else "_" for c in args.out.resolve().name)
    uri = str(Path(args.milvus).resolve()) if args.milvus and args.milvus.endswith(".db") else args.milvus  # any cwd
    out = build(args.sources, args.out, progress=True, milvus=Target(uri, name) if uri else None)
    m = load(out).manifest
    print(f"indexed {m['sentences']} sentences in {m['paragraphs']} paragraphs of {len(m['sources'])} "
          f"source(s) into {out} in {time.perf_counter() - t:.1f} s")
    return 0


def _check(args) -> int:
    from .store import verify

    where = args.directory or config.index_dir()
    m = verify(where)
    print(f"{where}: {len(m['files'])} files match their checksums ({m['sentences']} sentences, "
          f"{sum(f['bytes'] for f in m['files'].values()) / 1e6:.1f} MB)")
    return 0


def _rules(args) -> int:
    from . import rules

    print("| rule | on | why |\n|---|---|---|")
    print("\n".join(f"| {r.name} | {'yes' if r.on else 'no'} | {r.reason} |" for r in rules.RULES.values()))
    return 0


def _bot(args):
    import bot

    if args.index:
        return bot.Bot.load(args.index, args.caution)
    default = bot.default_bot()
    return default if args.caution is None else bot.Bot(default.index, args.caution)


def _ask(args) -> int:
    reply = _bot(args).answer(args.question)
    print(json.dumps(reply.to_dict(), ensure_ascii=False, indent=1) if args.json else reply.text)
    return 0


def _chat(args) -> int:
    """Answer each line of stdin in turn, earlier turns as the conversation; an empty line or
    end of input ends it. A question the bot cannot take gets its reason, and the chat goes on."""
    bot, history, last = _bot(args), [], None
    prompt = "> " if sys.stdin.isatty() else ""
    while True:
        try:
            question = input(prompt)
        except EOFError:
            return 0
        if not question.strip():
            return 0
        try:
            reply = bot.answer(question, history, last)
        except ValueError as e:
            print(f"error: {e}\n", flush=True)
            continue
        print(reply.text + "\n", flush=True)
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": reply.text}]
        last = reply  # what it quoted travels as data to the next question
