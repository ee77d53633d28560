"""One measurement in a fresh process, so start-up time and peak memory are the system's own.

    python bench/worker.py build SYSTEM OUT SOURCE...
    python bench/worker.py ask SYSTEM INDEX QUESTIONS.jsonl [--repeat N]

Prints one JSON line: what was measured."""
from __future__ import annotations

import time

STARTED = time.perf_counter()  # as early as possible: cold start counts imports too

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from systems import SYSTEMS  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=("build", "ask"))
    ap.add_argument("system", choices=SYSTEMS)
    ap.add_argument("index")
    ap.add_argument("rest", nargs="+")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    build, load = SYSTEMS[args.system]
    if args.what == "build":
        sources = [Path(p) for p in args.rest]
        passages = build(sources, Path(args.index))
        seconds = time.perf_counter() - STARTED
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in sources)
        print(json.dumps({"passages": passages, "seconds": seconds, "words": words, "peak_rss_mb": peak_rss_mb()}))
        return
    rows = [json.loads(l) for l in Path(args.rest[0]).read_text(encoding="utf-8").splitlines() if l.strip()]
    ask = load(Path(args.index))
    quotes = [ask(rows[0]["question"])]
    cold = time.perf_counter() - STARTED
    latencies = []
    for n in range(args.repeat):
        for row in rows:
            t = time.perf_counter()
            q = ask(row["question"])
            latencies.append(time.perf_counter() - t)
            if n == 0:
                quotes.append(q)
    print(json.dumps({"cold_start_s": cold, "latencies_ms": [round(x * 1000, 3) for x in latencies],
                      "quotes": quotes[1:], "peak_rss_mb": peak_rss_mb()}))


if __name__ == "__main__":
    main()
