"""The benchmark's results as a markdown table and a plot (latency and memory against corpus size)."""
from __future__ import annotations

from pathlib import Path


def _f(x, fmt: str = ".1f") -> str:
    return "–" if x is None else format(x, fmt)


def _rate(throughput: dict, clients: int) -> str:
    """Answers/s at this many clients (keys are strings once read back from results.json)."""
    return _f(throughput.get(clients, throughput.get(str(clients), {})).get("answers_per_s"))


def table(results: dict) -> str:
    systems = results["systems"]
    clients = sorted({int(c) for s in systems.values() for c in s["throughput"]})
    sets = list(next(iter(systems.values()))["quality"])
    head = (["system", "p50 ms", "p95 ms", "cold start s", "peak RSS MB"]
            + [f"answers/s, {c} client{'s' * (c > 1)}" for c in clients]
            + [h for name in sets for h in (f"hit@3 {name}", "hit in first 100 words")]
            + ["words quoted p50", "build words/s", "index MB"])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, s in systems.items():
        q = s["quality"]
        build = s["build"].get("train10") or s["build"]["article"]
        row = [name, _f(s["p50_ms"]), _f(s["p95_ms"]), _f(s["cold_start_s"], ".2f"), _f(s["peak_rss_mb"], ".0f")]
        row += [_rate(s["throughput"], c) for c in clients]
        for n in sets:
            held = q[n].get("held_out_hit3")
            row += [_f(q[n]["hit3"], ".3f") + (f" (held-out 3: {held:.3f})" if held is not None else ""),
                    _f(q[n]["hit_100_words"], ".3f")]
        row += [_f(q[sets[0]]["quote_words_p50"], ".0f"), _f(build["words_per_s"], ".0f"), _f(build["size_mb"], ".2f")]
        lines.append("| " + " | ".join(row) + " |")
    if results.get("gradio_only"):  # the ceiling: the same server answering nothing
        row = ["Gradio alone, answering nothing", *["–"] * 4, *[_rate(results["gradio_only"], c) for c in clients]]
        row += ["–"] * (len(head) - len(row))
        lines.append("| " + " | ".join(row) + " |")
    out = ["## Systems", "", "Latency, cold start, memory and answers/s on the default article; answers/s through "
           "the real Gradio server (clients on the same machine); build on the largest corpus.", "", *lines, ""]
    if results.get("scale"):
        out += ["## Retrieval at scale", "", scale_table(results["scale"])]
    return "\n".join(out) + "\n"


def scale_table(rows: list[dict]) -> str:
    lines = ["| passages | faiss index | recall@10 vs exact | search p50 / p95 ms | vector index build s (peak RSS MB) "
             "| bot index build s (peak RSS MB) | bot index MB | whole bot p50 / p95 ms | next 100 p50 ms "
             "| host: one pair ms | bot load / first answer s | bot RSS MB |", "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['passages']:,} | {r['kind']} | {r['recall_at_10']:.3f} | {r['p50_ms']:.1f} / {r['p95_ms']:.1f} "
                     f"| {r['build_s']:.1f} ({r['build_peak_rss_mb']:.0f}) "
                     f"| {r.get('bot_index_s', float('nan')):.0f} ({r.get('bot_index_peak_rss_mb', float('nan')):.0f}) "
                     f"| {r.get('bot_index_mb', float('nan')):.0f} | {r['bot_p50_ms']:.0f} / {r['bot_p95_ms']:.0f} "
                     f"| {r.get('bot_later_p50_ms', float('nan')):.0f} | {r.get('host_pair_ms', float('nan')):.1f} "
                     f"| {r['bot_load_s']:.1f} / {r['bot_first_answer_s']:.1f} | {r['bot_peak_rss_mb']:.0f} |")
    return "\n".join(lines) + "\n"


def milvus_table(results: dict) -> str:
    """bench/milvus.py's rows: the index directory's own store (faiss) against Milvus Lite."""
    head = ("Milvus Lite is a pure-Python stand-in for the Milvus server (a test double): its latencies and\n"
            "sizes are not a server's. Same first quote / same refusals: the two stores' replies compared.\n\n")
    lines = ["| set | questions | same first quote | same refusals | faiss p50 / p95 ms | Milvus Lite p50 / p95 ms "
             "| build or send s | disk MB (faiss dir; Milvus dir + Lite) |", "|---|---|---|---|---|---|---|---|"]
    for r in results.get("agree", []):
        lines.append(f"| {r['set']} | {r['questions']} | {r['same_first_quote']:.3f} | {r['same_found']:.3f} "
                     f"| {r['faiss_p50_ms']:.0f} / {r['faiss_p95_ms']:.0f} | {r['milvus_p50_ms']:.0f} / "
                     f"{r['milvus_p95_ms']:.0f} | {r['faiss_build_s']:.0f} vs {r['milvus_build_s']:.0f} | |")
    for r in results.get("scale", []):
        lines.append(f"| {r['passages']:,} passages | {r['questions']} | {r['same_first_quote']:.3f} "
                     f"| {r['same_found']:.3f} | {r['faiss_p50_ms']:.0f} / {r['faiss_p95_ms']:.0f} "
                     f"| {r['milvus_p50_ms']:.0f} / {r['milvus_p95_ms']:.0f} | sent in {r['milvus_send_s']:.0f} "
                     f"| {r['faiss_disk_mb']:.0f}; {r['milvus_dir_disk_mb']:.0f} + {r['milvus_lite_disk_mb']:.0f} |")
    return head + "\n".join(lines) + "\n"


def plot(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = results.get("scale") or []
    if not rows:
        return
    n = [r["passages"] for r in rows]
    fig, (lat, mem) = plt.subplots(1, 2, figsize=(10, 4))
    lat.plot(n, [r["bot_p50_ms"] for r in rows], "o-", label="whole bot, p50")
    lat.plot(n, [r["bot_p95_ms"] for r in rows], "o--", label="whole bot, p95")
    lat.plot(n, [r["p50_ms"] for r in rows], "s-", label="embed + search, p50")
    lat.set(xscale="log", xlabel="passages", ylabel="ms per question", title="Latency")
    mem.plot(n, [r["bot_peak_rss_mb"] for r in rows], "o-", label="whole bot")
    mem.plot(n, [r["query_peak_rss_mb"] for r in rows], "s-", label="embed + search")
    mem.plot(n, [r["build_peak_rss_mb"] for r in rows], "s--", label="building the vector index")
    mem.set(xscale="log", xlabel="passages", ylabel="peak RSS (MB)", title="Memory")
    for ax in (lat, mem):
        ax.grid(True, alpha=0.3)
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
