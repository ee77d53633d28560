"""The same questions answered through the index directory's own store (faiss) and through Milvus
Lite (milvus_store.py): how often the first quote and the refusal agree, and what each costs.

    python bench/milvus.py agree [WORK]          # dev (the default article) and Super Bowl 50
    python bench/milvus.py scale WORK N...       # bench/scale.py's bot-N indexes (10k, 100k passages)

Both write bench/results/milvus.{json,md}'s rows of their kind. Milvus Lite is a pure-Python stand-in
for the Milvus server, used here as the test double it is: its timings say nothing of a real server's."""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(ROOT))
RESULTS = HERE / "results" / "milvus.json"

SETS = {"dev": ([ROOT / "seeds" / "socialism_in_one_country.txt"], SHARED / "dev.jsonl"),
        "super_bowl_50": ([SHARED / "squad" / "super_bowl_50.txt"], SHARED / "squad" / "super_bowl_50.jsonl")}


def _rows(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _first(reply) -> tuple | None:
    return (reply.citations[0].source, reply.citations[0].start, reply.citations[0].end) if reply.citations else None


def compare(local, milvus, rows: list[dict]) -> dict:
    """Answer every question with both bots: agreement of first quotes and refusals, and latencies."""
    from evaluate import play

    same_quote = same_found = 0
    ms: dict[str, list[float]] = {"faiss": [], "milvus": []}
    differ = []
    for row in rows:
        (a, ta), (b, tb) = play(row, local.answer), play(row, milvus.answer)
        ms["faiss"].append(ta)
        ms["milvus"].append(tb)
        same_quote += _first(a) == _first(b)
        same_found += a.found == b.found
        if _first(a) != _first(b) or a.found != b.found:
            differ.append(row["question"])
    n = len(rows)
    out = {"questions": n, "same_first_quote": same_quote / n, "same_found": same_found / n, "differ": differ}
    for k, v in ms.items():
        out |= {f"{k}_p50_ms": float(np.percentile(v, 50)), f"{k}_p95_ms": float(np.percentile(v, 95))}
    return out


def _disk_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def agree(work: Path) -> list[dict]:
    from bot import Bot
    from bot.milvus_store import Target
    from bot.store import build

    out = []
    for name, (docs, questions) in SETS.items():
        t = time.perf_counter()
        local = build(docs, work / f"{name}-faiss")
        t_local = time.perf_counter() - t
        t = time.perf_counter()
        remote = build(docs, work / f"{name}-milvus", milvus=Target(str(work / f"{name}.db"), name))
        t_milvus = time.perf_counter() - t
        row = {"set": name, **compare(Bot.load(local), Bot.load(remote), _rows(questions)),
               "faiss_build_s": t_local, "milvus_build_s": t_milvus}
        print(f"{name}: {row['questions']} questions, same first quote {row['same_first_quote']:.3f}, "
              f"same refusals {row['same_found']:.3f}", flush=True)
        out.append(row)
    return out


def scale_row(work: Path, n: int) -> dict:
    """bench/scale.py's bot-N index as it is (faiss) and sent to Milvus Lite, on 100 SQuAD questions."""
    from scale import _questions

    from bot import Bot
    from bot.milvus_store import Target
    from bot.store import to_milvus

    local, remote, db = work / f"bot-{n}", work / f"bot-{n}-milvus", work / f"milvus-{n}.db"
    t = time.perf_counter()
    to_milvus(local, remote, Target(str(db), f"scale_{n}"))
    sent = time.perf_counter() - t
    rows = [{"question": q} for q in _questions()[:100]]
    return {"passages": n, **compare(Bot.load(local), Bot.load(remote), rows), "milvus_send_s": sent,
            "faiss_disk_mb": _disk_mb(local), "milvus_dir_disk_mb": _disk_mb(remote), "milvus_lite_disk_mb": _disk_mb(db)}


def _save(kind: str, rows: list[dict]) -> None:
    from report import milvus_table

    old = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.is_file() else {}
    old[kind] = rows
    RESULTS.write_text(json.dumps(old, indent=1), encoding="utf-8")
    RESULTS.with_suffix(".md").write_text(milvus_table(old), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1] == "agree":
        work = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp(prefix="milvus-agree-"))
        _save("agree", agree(work))
    elif sys.argv[1] == "scale":
        rows = []
        for n in sys.argv[3:]:  # each size in a process of its own: one Milvus Lite per process
            out = subprocess.run([sys.executable, __file__, "scale-one", sys.argv[2], n], check=True,
                                 capture_output=True, text=True).stdout
            rows.append(json.loads(out.strip().splitlines()[-1]))
            print(f"{n} passages: same first quote {rows[-1]['same_first_quote']:.2f}", flush=True)
        _save("scale", rows)
    elif sys.argv[1] == "scale-one":
        print(json.dumps(scale_row(Path(sys.argv[2]), int(sys.argv[3]))))
