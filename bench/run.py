"""The benchmark: this project, the usual recipe and Haystack, side by side in one run, on the same
machine and the same questions. Writes bench/results/ (results.json, results.md, scale.png).

    python bench/run.py             # everything (about 25 minutes on 2 cores)
    python bench/run.py --smoke     # every step on little data, without Haystack, ours alone served (CI runs it)
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from systems import GRADIO_ONLY, SYSTEMS  # noqa: E402

HELD_OUT = ("new_york_city", "solar_energy", "to_kill_a_mockingbird")  # train10 articles the bot never trained on


def worker(*args: str, repeat: int = 1) -> dict:
    cmd = [sys.executable, str(HERE / "worker.py"), *args, "--repeat", str(repeat)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


def percentile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


READ_BUDGET = 100  # words: about one paragraph, what a reader checks at a glance
SMOKE_PASSAGES = 400  # the smoke run's scale corpus (paragraphs of four)


def hit_rate(rows: list[dict], quotes: list[list[str]], contains, words: int | None = None) -> float:
    """Share of questions whose answer is in the top-3 quotes (or in their first `words` words:
    the same reading effort for systems that quote sentences and those that quote paragraphs)."""
    def shown(q: list[str]) -> str:
        text = " ".join(q[:3])
        return " ".join(text.split()[:words]) if words else text
    hits = [any(contains(shown(q), g) for g in [r["answer"], *(r.get("alt_answers") or [])] if g)
            for r, q in zip(rows, quotes)]
    return sum(hits) / max(1, len(hits))


def start_server(system: str, index: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ, GRADIO_SERVER_NAME="127.0.0.1", GRADIO_SERVER_PORT=str(port), GRADIO_ANALYTICS_ENABLED="False")
    if system == "quote-bot":  # the real app, exactly as a Space runs it
        env["BOT_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-data-")
        cmd = [sys.executable, "app.py"]
    else:
        cmd = [sys.executable, str(HERE / "serve.py"), system, str(index), str(port)]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return proc, url
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"{system} server exited with {proc.returncode}") from None
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"{system} server did not start")


def ask_over_http(http, url: str, question: str, session: str) -> str:
    """One answer through Gradio's HTTP API (POST /call/chat, then read its event stream), as curl
    would ask. gradio_client is not used here: it polls for results every 50 ms, which would cap
    every system at the same rate and hide what they cost."""
    r = http.post(f"{url}gradio_api/call/chat", json={"data": [question], "session_hash": session})
    r.raise_for_status()
    event = None
    with http.stream("GET", f"{url}gradio_api/call/chat/{r.json()['event_id']}") as stream:
        for line in stream.iter_lines():
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event in ("complete", "error"):
                if event == "error":
                    raise RuntimeError(line)
                return json.loads(line[5:])[0]
    raise RuntimeError("the event stream ended without an answer")


def answers_per_second(url: str, questions: list[str], clients: int, seconds: float) -> dict:
    """`clients` concurrent sessions asking in a loop for `seconds`: answers/s and latency."""
    import httpx

    latencies: list[float] = []
    errors = [0]
    deadline = [0.0]  # set once every client is connected

    def run(n: int) -> None:
        with httpx.Client(timeout=60) as http:
            ask_over_http(http, url, questions[0], f"bench-{n}")  # connect before timing
            barrier.wait()
            i = n
            while time.perf_counter() < deadline[0]:
                t = time.perf_counter()
                try:
                    ask_over_http(http, url, questions[i % len(questions)], f"bench-{n}")
                    latencies.append(time.perf_counter() - t)
                except Exception:  # noqa: BLE001 - counted, not fatal: a benchmark reports errors
                    errors[0] += 1
                i += clients

    barrier = threading.Barrier(clients + 1, action=lambda: deadline.__setitem__(0, time.perf_counter() + seconds))
    threads = [threading.Thread(target=run, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    barrier.wait()
    t0 = deadline[0] - seconds
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return {"answers_per_s": len(latencies) / wall, "p50_ms": percentile(latencies, 0.5) * 1000 if latencies else None,
            "errors": errors[0]}


def measure(system: str, corpora: dict, quality_sets: dict, dev: list[dict], work: Path, smoke: bool, kit) -> dict:
    """Everything about one system: builds, the article's latency and memory, quality, answers/s.
    `kit` is the evaluation kit's score.py: its question files and answer matching."""
    contains = kit.contains
    r: dict = {"build": {}, "quality": {}, "throughput": {}}
    home = work / system.replace(" ", "_")
    for corpus, sources in corpora.items():
        b = worker("build", system, str(home / corpus), *map(str, sources))
        b.update(passages_per_s=b["passages"] / b["seconds"], words_per_s=b["words"] / b["seconds"],
                 size_mb=dir_mb(home / corpus))
        r["build"][corpus] = b
        print(f"   built {corpus}: {b['passages']} passages in {b['seconds']:.1f} s, {b['size_mb']:.2f} MB", flush=True)
    questions = work / "dev.jsonl"
    questions.write_text("".join(json.dumps(q) + "\n" for q in dev), encoding="utf-8")
    a = worker("ask", system, str(home / "article"), str(questions), repeat=1 if smoke else 3)
    r.update(cold_start_s=a["cold_start_s"], peak_rss_mb=a["peak_rss_mb"],
             p50_ms=percentile(a["latencies_ms"], 0.5), p95_ms=percentile(a["latencies_ms"], 0.95))
    print(f"   article: p50 {r['p50_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms, cold start {r['cold_start_s']:.2f} s, "
          f"peak RSS {r['peak_rss_mb']:.0f} MB", flush=True)
    for name, path in quality_sets.items():
        rows = [q for q in kit.load_rows(str(path), 0) if q.get("answer")]
        if name == "article":  # the questions just asked: reuse their quotes
            asked = dict(zip((q["id"] for q in dev), a["quotes"]))
            rows = [q for q in rows if q["id"] in asked]
            quotes = [asked[q["id"]] for q in rows]
        else:
            qfile = work / f"{name}.jsonl"
            qfile.write_text("".join(json.dumps(q) + "\n" for q in rows), encoding="utf-8")
            quotes = worker("ask", system, str(home / name), str(qfile))["quotes"]
        q = r["quality"][name] = {"questions": len(rows), "hit3": hit_rate(rows, quotes, contains),
                                  "hit_100_words": hit_rate(rows, quotes, contains, READ_BUDGET),
                                  "quote_words_p50": statistics.median(len(" ".join(x[:3]).split()) for x in quotes)}
        if name == "train10":  # the articles the bot's models never saw
            texts = [p.read_text(encoding="utf-8") for p in corpora["train10"] if p.stem in HELD_OUT]
            held = [i for i, row in enumerate(rows) if any(row["evidence"][0] in t for t in texts)]
            q["held_out_questions"] = len(held)
            q["held_out_hit3"] = hit_rate([rows[i] for i in held], [quotes[i] for i in held], contains)
        print(f"   {name}: hit@3 {q['hit3']:.3f}, in the first {READ_BUDGET} words {q['hit_100_words']:.3f} "
              f"({q['questions']} questions, {q['quote_words_p50']:.0f} words quoted)", flush=True)
    if not smoke or system == "quote-bot":  # the smoke run serves ours only: a server start costs the suite 15 s
        r["throughput"] = served(system, home / "article", dev, smoke)
    return r


def served(system: str, index: Path, dev: list[dict], smoke: bool) -> dict:
    """Answers/s through the system's Gradio server at 1, 4 (and 16) concurrent clients."""
    out = {}
    proc, url = start_server(system, index)
    try:
        for clients in (1, 4) if smoke else (1, 4, 16):
            t = out[clients] = answers_per_second(url, [q["question"] for q in dev], clients, 1 if smoke else 20)
            print(f"   {clients} clients: {t['answers_per_s']:.1f} answers/s (p50 {t['p50_ms']:.0f} ms, "
                  f"{t['errors']} errors)", flush=True)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true", help="every step on little data (about a minute)")
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval", help="the evaluation kit")
    ap.add_argument("--out", type=Path, default=HERE / "results")
    ap.add_argument("--systems", nargs="+", choices=list(SYSTEMS),
                    help="default: all; with --smoke, ours and the usual recipe (the suite's 10 minutes)")
    args = ap.parse_args()
    sys.path.insert(0, str(args.eval))
    import score as kit  # the evaluation kit's own question files and answer matching
    from scale import run_scale

    squad = args.eval / "squad"
    corpora = {"article": sorted((ROOT / "seeds").glob("*.txt")), "super_bowl_50": [squad / "super_bowl_50.txt"],
               "train10": sorted((squad / "train10").glob("*.txt"))}
    quality_sets = {"super_bowl_50": squad / "super_bowl_50.jsonl", "train10": squad / "train10.jsonl"}
    # the smoke run (a test) leaves Haystack out: 40 s of a suite that must stay within 10 minutes
    args.systems = args.systems or [s for s in SYSTEMS if not args.smoke or s != "haystack"]
    if args.smoke:  # the article only: its dev questions stand in for the SQuAD sets
        corpora, quality_sets = {"article": corpora["article"]}, {"article": args.eval / "dev.jsonl"}
    dev = kit.load_rows(str(args.eval / "dev.jsonl"), 10 if args.smoke else 0)
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    results: dict = {"smoke": args.smoke, "cores": os.cpu_count(), "systems": {}}
    try:
        for system in args.systems:
            print(f"== {system}", flush=True)
            results["systems"][system] = measure(system, corpora, quality_sets, dev, work, args.smoke, kit)
        # The same server answering nothing at once: the most answers/s any system can reach here,
        # since the clients and Gradio share the machine's cores with the answering.
        print(f"== {GRADIO_ONLY}", flush=True)
        results["gradio_only"] = served(GRADIO_ONLY, work, dev, args.smoke)
        if args.smoke:  # every step of the scale run, small: the suite's 10 minutes
            results["scale"] = run_scale(work / "scale", [SMOKE_PASSAGES], asked=40)
        else:
            results["scale"] = run_scale(work / "scale", [1_000, 10_000, 100_000, 1_000_000])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_results(results, args.out)
    return 0


def write_results(results: dict, out: Path) -> None:
    from report import plot, table

    out.mkdir(parents=True, exist_ok=True)
    name = "smoke" if results["smoke"] else "results"
    (out / f"{name}.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    md = table(results)
    (out / f"{name}.md").write_text(md, encoding="utf-8")
    plot(results, out / f"{name}_scale.png")
    print(md)


if __name__ == "__main__":
    sys.exit(main())
