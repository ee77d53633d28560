"""Retrieval at 1k to 1M passages: the faiss index the bot chooses by size (bot.index.vector_index),
its recall@10 against exact search, search latency per question, build time and peak memory; and
the whole bot answering from the same corpus (its index directory assembled from these vectors).

The corpus is real text extended reproducibly: every sentence of the SQuAD articles in the
evaluation kit, then passages of two of those sentences drawn with a fixed seed. Embedding a
million new texts would take this machine hours, so a drawn passage's vector is the normalised,
token-weighted sum of its two sentences' vectors (what mean pooling of the joined text comes
close to); every real sentence is embedded by the model. Everything streams through files on
disk: passages.txt (one passage per line), offsets.npy, vectors.npy (memory-mapped).

    python bench/scale.py corpus WORK N           # write the corpus of N passages
    python bench/scale.py build WORK N            # build the index of the first N (own process: peak RSS)
    python bench/scale.py query WORK N            # p50/p95 per question, recall@10 (own process)
    python bench/scale.py bot-index WORK N        # the bot's index directory for the first N
    python bench/scale.py bot-answers WORK N      # the whole bot: load, first answer, p50/p95, later p50, RSS
    python bench/scale.py bot-stages WORK N       # where the whole bot's time goes (ms a question)
    python bench/scale.py run WORK N...           # all of the above per size; bench/results/scale.{json,md}

Floors (#20) at a million passages: first answer of a fresh process <= 5 s, peak RSS while answering
<= 2.5 GB, whole-bot p50 <= 100 ms, recall@10 >= 0.95, index build peak RSS <= 3 GB.
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval" / "squad"
SEED = 0
QUERIES = 300


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _real_sentences() -> list[str]:
    from bot.sources import read_source, split_sentences

    out = []
    for path in [EVAL / "super_bowl_50.txt", *sorted((EVAL / "train10").glob("*.txt"))]:
        doc = read_source(path)
        for _, a, b in doc.paragraphs:
            out += [" ".join(doc.text[s:e].split()) for s, e in split_sentences(doc.text, a, b)]
    return list(dict.fromkeys(out))


def corpus(work: Path, n: int) -> None:
    """Write n passages: the real sentences first, then seeded pairs of them."""
    from tqdm import tqdm

    from bot import embed

    work.mkdir(parents=True, exist_ok=True)
    real = _real_sentences()[:n]  # a small corpus needs only its own sentences embedded
    base = embed.encode(real)
    lengths = np.array([len(s.split()) for s in real], dtype=np.float32)
    vectors = np.lib.format.open_memmap(work / "vectors.npy", mode="w+", dtype=np.float32, shape=(n, base.shape[1]))
    offsets = np.zeros(n + 1, dtype=np.int64)
    rng = np.random.default_rng(SEED)
    chunk = 50_000
    with open(work / "passages.txt", "wb") as f:
        for start in tqdm(range(0, n, chunk), desc="corpus", unit="chunk"):
            stop = min(n, start + chunk)
            ids = np.arange(start, stop)
            pairs = rng.integers(0, len(real), size=(len(ids), 2))
            is_real = ids < len(real)
            pairs[is_real, 0], pairs[is_real, 1] = ids[is_real], -1
            v = base[pairs[:, 0]] * lengths[pairs[:, 0], None]
            two = pairs[:, 1] >= 0
            v[two] += base[pairs[two, 1]] * lengths[pairs[two, 1], None]
            vectors[start:stop] = v / np.linalg.norm(v, axis=1, keepdims=True)
            for i, (a, b) in zip(ids, pairs):
                line = (real[a] if b < 0 else f"{real[a]} {real[b]}").encode("utf-8") + b"\n"
                f.write(line)
                offsets[i + 1] = offsets[i] + len(line)
    vectors.flush()
    np.save(work / "offsets.npy", offsets)


def build(work: Path, n: int) -> dict:
    import faiss

    from bot.rows import OnDisk
    from bot.store import vector_index

    t = time.perf_counter()
    index = vector_index(OnDisk(work / "vectors.npy", n), progress=True)
    path = work / f"index-{n}.faiss"
    faiss.write_index(index, str(path))
    return {"passages": n, "kind": type(index).__name__, "build_s": time.perf_counter() - t,
            "build_peak_rss_mb": _peak_rss_mb(), "index_mb": path.stat().st_size / 1e6}


def _questions() -> list[str]:
    rows = [json.loads(l) for p in (EVAL / "super_bowl_50.jsonl", EVAL / "train10.jsonl")
            for l in p.read_text(encoding="utf-8").splitlines() if l.strip()]
    picks = np.random.default_rng(SEED).choice(len(rows), QUERIES, replace=False)
    return [rows[i]["question"] for i in picks]


def query(work: Path, n: int) -> dict:
    """Per question: embed it, search, read the top passages from disk, as the bot's first step does."""
    import faiss

    from bot import config, embed
    from bot.retrieve import limit_threads

    limit_threads()  # as the bot answers
    index = faiss.read_index(str(work / f"index-{n}.faiss"))
    offsets = np.load(work / "offsets.npy", mmap_mode="r")
    text = open(work / "passages.txt", "rb")
    questions = _questions()
    embed.encode_queries(questions[:2])  # load the encoder: start-up is not per-question time
    found, latencies = [], []
    for q in questions:
        t = time.perf_counter()
        v = embed.encode_queries([q])
        _, ids = index.search(v, config.TRAINED.dense_candidates)
        for i in ids[0][:10]:
            text.seek(int(offsets[i]))
            text.read(int(offsets[i + 1] - offsets[i]))
        latencies.append(time.perf_counter() - t)
        found.append((v[0], ids[0][:10]))
    rss = _peak_rss_mb()
    # Exact search over the same vectors, in chunks from the memory map, to score recall@10.
    qv = np.stack([v for v, _ in found])
    vectors = np.load(work / "vectors.npy", mmap_mode="r")[:n]
    best = np.full((len(qv), 10), -np.inf, dtype=np.float32)
    best_ids = np.zeros((len(qv), 10), dtype=np.int64)
    for start in range(0, n, 100_000):
        s = qv @ np.asarray(vectors[start:start + 100_000]).T
        cand = np.concatenate([best, s], axis=1)
        cand_ids = np.concatenate([best_ids, np.arange(start, start + s.shape[1])[None, :].repeat(len(qv), 0)], axis=1)
        top = np.argsort(-cand, axis=1)[:, :10]
        best, best_ids = np.take_along_axis(cand, top, 1), np.take_along_axis(cand_ids, top, 1)
    recall = np.mean([len(set(ids) & set(exact)) / 10 for (_, ids), exact in zip(found, best_ids)])
    ms = np.array(latencies) * 1000
    return {"p50_ms": float(np.percentile(ms, 50)), "p95_ms": float(np.percentile(ms, 95)),
            "recall_at_10": float(recall), "query_peak_rss_mb": rss}


PER_PARAGRAPH = 4  # passages grouped into a paragraph when the whole bot answers from the corpus


def _layout(lengths: np.ndarray):
    """Passages of these lengths as sentences, PER_PARAGRAPH to a paragraph: one space between the
    sentences of a paragraph, a blank line after each paragraph."""
    from bot.layout import Layout, Paragraphs, Sentences
    from bot.sources import LEAD

    n = len(lengths)
    para = np.arange(n, dtype=np.int64) // PER_PARAGRAPH
    first = np.arange(n) % PER_PARAGRAPH == 0
    gap = np.where(first, 2, 1)  # what comes before a passage: a blank line or a space
    gap[0] = 0
    start = np.cumsum(lengths) - lengths + np.cumsum(gap)
    end = start + lengths
    last = np.r_[first[1:], True]
    paragraphs = Paragraphs(np.zeros(first.sum(), dtype=np.int32), np.zeros(first.sum(), dtype=np.int32),
                            start[first], end[last], [LEAD])
    return Layout(paragraphs, Sentences(para.astype(np.int32), start, end))


def _window_and_paragraph_vectors(work: Path, n: int) -> tuple[Path, Path]:
    """A sentence's window vector is it and its neighbours, a paragraph's all of its sentences
    (normalised sums, see the module's doc), written a chunk at a time."""
    from bot import config
    from bot.rows import OnDisk, write_npy

    rows = OnDisk(work / "vectors.npy", n)
    d = rows.shape[1]
    chunk = (config.VECTOR_CHUNK // PER_PARAGRAPH) * PER_PARAGRAPH

    def paragraphs():  # the corpus vectors, a chunk of paragraphs at a time
        return (rows[a:a + chunk].reshape(-1, PER_PARAGRAPH, d) for a in range(0, n, chunk))

    def windows(g: np.ndarray) -> np.ndarray:
        w = g.copy()
        w[:, 1:] += g[:, :-1]
        w[:, :-1] += g[:, 1:]
        return w / np.linalg.norm(w, axis=2, keepdims=True)

    def whole(g: np.ndarray) -> np.ndarray:
        total = g.sum(axis=1)
        return total / np.linalg.norm(total, axis=1, keepdims=True)

    paths = work / f"windows-{n}.npy", work / f"paragraph-vectors-{n}.npy"
    write_npy(paths[0], (n, d), (windows(g) for g in paragraphs()))
    write_npy(paths[1], (n // PER_PARAGRAPH, d), (whole(g) for g in paragraphs()))
    return paths


def bot_index(work: Path, n: int) -> dict:
    """The bot's own index directory over the first n passages (one sentence each, paragraphs of
    four), written as `python -m bot index` writes one, streaming: the vectors are read off the disk
    a chunk at a time (window and paragraph vectors made from the corpus vectors, see above)."""
    from bot import embed, store
    from bot.lexical import content_words
    from bot.rows import OnDisk
    from bot.sources import Document

    assert n % PER_PARAGRAPH == 0, f"the corpus is cut into paragraphs of {PER_PARAGRAPH}"
    t = time.perf_counter()
    offsets = np.load(work / "offsets.npy", mmap_mode="r")
    with open(work / "passages.txt", "rb") as f:
        lines = f.read(int(offsets[n])).decode("utf-8").split("\n")[:n]
    lengths = np.fromiter(map(len, lines), dtype=np.int64, count=n)
    text = "\n\n".join(" ".join(lines[p:p + PER_PARAGRAPH]) for p in range(0, n, PER_PARAGRAPH)) + "\n\n"
    del lines
    table = _layout(lengths)
    real = _real_sentences()[:n]  # every sentence the first n passages are made of
    vocab = sorted({w for s in real for w in content_words(s)})
    words = work / f"word-vectors-{len(real)}.npy"  # the same for every size past the real sentences
    if not words.exists():
        np.save(words, embed.encode(vocab).astype(np.float16))
    windows, paragraphs = _window_and_paragraph_vectors(work, n)
    store.write(work / f"bot-{n}", [Document("corpus.txt", "Scale corpus", text)], table, vocab,
                OnDisk(work / "vectors.npy", n), OnDisk(windows), OnDisk(paragraphs),
                np.load(words), progress=True)
    return {"bot_index_s": time.perf_counter() - t, "bot_index_peak_rss_mb": _peak_rss_mb(),
            "bot_index_mb": sum(f.stat().st_size for f in (work / f"bot-{n}").iterdir()) / 1e6}


def _host_ms() -> float:
    """How fast this host is just now: ms for one run of the verifier's model on a fixed pair (55
    tokens; median of 30), the bot's largest step at every size. This 2-core host's speed drifts by
    a third within an hour (the same 1M run: p50 104 to 142 ms), so each row says what it was."""
    from bot import embed

    question = "What year did the Denver Broncos win the Super Bowl?"
    text = ("The Broncos defeated the Carolina Panthers 24 to 10 in Super Bowl 50, held on February 7, 2016, at "
            "Levi's Stadium in Santa Clara, California, which earned them their third Super Bowl title.")
    embed.encode_pairs(question, [text])
    runs = []
    for _ in range(30):
        t = time.perf_counter()
        embed.encode_pairs(question, [text])
        runs.append((time.perf_counter() - t) * 1000)
    return float(np.median(runs))


def _latencies(bot, questions: list[str]) -> list[float]:
    out = []
    for q in questions:
        t = time.perf_counter()
        bot.answer(q)
        out.append((time.perf_counter() - t) * 1000)
    return out


def bot_answers(work: Path, n: int, asked: int = 200) -> dict:
    """The whole bot answering from the n-passage corpus: load, first answer, then per answer over
    the next questions of the first half (the floor's figure; 99 of 200), and over the second half
    once those are answered (a process that has been serving a while; different questions, so no
    answer is cached). The smoke run asks fewer."""
    from bot import Bot

    t = time.perf_counter()
    b = Bot.load(work / f"bot-{n}")
    loaded = time.perf_counter() - t
    questions = _questions()[:asked]
    b.answer(questions[0])  # builds the lexicon and word sets once
    first = time.perf_counter() - t
    latencies = _latencies(b, questions[1:asked // 2])
    later = _latencies(b, questions[asked // 2:])
    return {"bot_load_s": loaded, "bot_first_answer_s": first, "bot_p50_ms": float(np.percentile(latencies, 50)),
            "bot_p95_ms": float(np.percentile(latencies, 95)), "bot_later_p50_ms": float(np.percentile(later, 50)),
            "host_pair_ms": _host_ms(), "bot_peak_rss_mb": _peak_rss_mb()}


def bot_stages(work: Path, n: int) -> dict:
    """Where the whole bot's time goes at this size: ms a question in each step of featurize and in
    the verifier's pairs (the steps' own timers, wrapped around them), and the text length."""
    from bot import Bot, embed, features

    steps = ["_question_vectors", "_candidates", "_dense_columns", "_word_columns", "term_sets", "check_columns"]
    spent = dict.fromkeys([*steps, "encode_pairs"], 0.0)

    def timed(module, name):
        inner = getattr(module, name)

        def run(*a, **k):
            t = time.perf_counter()
            try:
                return inner(*a, **k)
            finally:
                spent[name] += time.perf_counter() - t
        setattr(module, name, run)

    for name in steps:
        timed(features, name)
    timed(embed, "encode_pairs")
    b = Bot.load(work / f"bot-{n}")
    questions = _questions()[:100]
    b.answer(questions[0])
    spent.update(dict.fromkeys(spent, 0.0))
    chars = []
    for q in questions[1:]:
        reply = b.answer(q)
        chars += [len(c.quote) for c in reply.citations[:1]]
    return {"passages": n, **{k: v / (len(questions) - 1) * 1000 for k, v in spent.items()},
            "first_quote_chars": float(np.mean(chars))}


def _own_process(step: str, work: Path, n: int, *more: int) -> dict:
    out = subprocess.run([sys.executable, __file__, step, str(work), str(n), *map(str, more)], check=True,
                         capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


def run_scale(work: Path, sizes: list[int], asked: int = 200) -> list[dict]:
    """Every size, each build and query in a process of its own; corpus written once. `asked`: the
    questions the whole bot answers at each size."""
    t = time.perf_counter()
    if not (work / "vectors.npy").exists() or len(np.load(work / "offsets.npy", mmap_mode="r")) <= max(sizes):
        _own_process("corpus", work, max(sizes))
    print(f"   scale corpus of {max(sizes):,} passages written in {time.perf_counter() - t:.0f} s", flush=True)
    rows = []
    for n in sizes:
        row = {**_own_process("build", work, n), **_own_process("query", work, n),
               **_own_process("bot-index", work, n), **_own_process("bot-answers", work, n, asked)}
        print(f"   {n:>9,} passages: {row['kind']}, recall@10 {row['recall_at_10']:.3f}, p50 {row['p50_ms']:.1f} ms, "
              f"build {row['build_s']:.1f} s (peak {row['build_peak_rss_mb']:.0f} MB), "
              f"query RSS {row['query_peak_rss_mb']:.0f} MB; bot index {row['bot_index_s']:.0f} s "
              f"(peak {row['bot_index_peak_rss_mb']:.0f} MB); whole bot p50 {row['bot_p50_ms']:.0f} ms, "
              f"p95 {row['bot_p95_ms']:.0f} ms, first answer {row['bot_first_answer_s']:.1f} s, "
              f"RSS {row['bot_peak_rss_mb']:.0f} MB", flush=True)
        rows.append(row)
    return rows


FLOORS = {"bot_first_answer_s": ("<=", 5.0), "bot_peak_rss_mb": ("<=", 2500), "bot_p50_ms": ("<=", 100),
          "recall_at_10": (">=", 0.95), "bot_index_peak_rss_mb": ("<=", 3000)}


def floors_met(row: dict) -> dict[str, bool]:
    """Each floor of #20, checked on a row (they are set for a million passages)."""
    return {k: (row[k] <= v if op == "<=" else row[k] >= v) for k, (op, v) in FLOORS.items()}


def write(rows: list[dict], out: Path) -> None:
    from report import scale_table

    out.mkdir(parents=True, exist_ok=True)
    (out / "scale.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    met = [f"- {r['passages']:,} passages: " + ", ".join(f"{k} {'met' if ok else 'NOT met'}"
                                                          for k, ok in floors_met(r).items()) for r in rows]
    (out / "scale.md").write_text(scale_table(rows) + "\nFloors of #20 (set for 1,000,000 passages):\n\n"
                                  + "\n".join(met) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1] == "run":
        write(run_scale(Path(sys.argv[2]), [int(n) for n in sys.argv[3:]]), HERE / "results")
        sys.exit(0)
    step, work, n, more = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), map(int, sys.argv[4:])
    result = {"corpus": corpus, "build": build, "query": query, "bot-index": bot_index,
              "bot-answers": bot_answers, "bot-stages": bot_stages}[step](work, n, *more)
    print(json.dumps(result or {}))
