#!/usr/bin/env python3
"""Train the short-answer reader and write bot/reader.onnx.

The reader is all-MiniLM-L6-v2 (from its PyPI package) fine-tuned for extractive question answering
(start and end of the answer inside a sentence) on the crowd answers of 32 SQuAD 2.0 articles: the
seven of ../shared/eval/squad/train10 that the ranker trains on and the 25 of dev25 (7,400
questions); train10's three held out for evaluation and Super Bowl 50 are never used. Each example
is a question with the sentence that holds its answer. The model is written as int8 ONNX (about
23 MB), which bot/spans.py runs with ONNX Runtime. Takes about 45 minutes on 2 cores (six passes
over the questions). Needs requirements-test.txt.

`--train10-only` trains on train10's seven articles alone (3,037 questions, 17 minutes: the reader
shipped before 2026-12-04), and `--held-out` names the articles kept out, for measuring a reader on
articles it never saw (bench/spans.py). `--alternatives` adds an example for each other answer the
crowd wrote to a dev25 question (2,312 of its 4,398 answerable questions have one or more).

usage: python scripts/train_reader.py [--squad DIR] [--epochs N] [--train10-only] [--held-out A...]
                                      [--alternatives] [--out PATH]
"""
from __future__ import annotations

import argparse
import importlib
import random
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from train_ranker import HELD_OUT, squad_articles  # noqa: E402

from bot import config  # noqa: E402

BATCH = 32
INPUTS = ["input_ids", "attention_mask", "token_type_ids"]


def examples(squad: Path, held_out: tuple[str, ...], dev25: bool = True,
             alternatives: bool = False) -> list[tuple[str, str, int, int]]:
    """(question, sentence, answer start, answer end) for every answerable question of train10's
    articles (and dev25's, with `dev25`) not held out whose answer is found in its evidence sentence;
    with `alternatives`, one more for each other answer the crowd wrote (dev25's `alt_answers`)."""
    out = []
    for name, (path, rows) in squad_articles(squad).items():
        if name in held_out or (path.parent.name == "dev25" and not dev25):
            continue
        for row in rows:
            answer, evidence = row.get("answer"), row.get("evidence") or []
            if not answer or not evidence:
                continue
            sentence = evidence[0]
            answers = [answer] + (sorted(set(row.get("alt_answers") or []) - {answer}) if alternatives else [])
            for said in answers:
                at = sentence.find(said)
                if at < 0:
                    at = sentence.lower().find(said.lower())
                if at >= 0:
                    out.append((row["question"], sentence, at, at + len(said)))
    return out


def encode(tokenizer, batch):
    """Token ids of question [SEP] sentence, and the answer's first and last token."""
    x = tokenizer([q for q, *_ in batch], [s for _, s, *_ in batch], padding=True, truncation=True,
                  max_length=config.READER_MAX_TOKENS, return_offsets_mapping=True, return_tensors="np")
    starts, ends = [], []
    for k, (_, _, a, b) in enumerate(batch):
        in_sentence = np.asarray(x.sequence_ids(k)) == 1
        offsets = x["offset_mapping"][k]
        tokens = [t for t in np.flatnonzero(in_sentence) if offsets[t][0] < b and offsets[t][1] > a]
        starts.append(tokens[0] if tokens else 0)  # an answer cut off by truncation points at [CLS]
        ends.append(tokens[-1] if tokens else 0)
    return x, np.array(starts), np.array(ends)


def fit(model, tokenizer, data: list, epochs: float, lr: float) -> None:
    """Fine-tune `model` on (question, sentence, start, end) examples: AdamW, linear warm-up over a
    tenth of the steps then linear decay to zero, the examples reshuffled every pass (seeded)."""
    import torch

    rng = random.Random(0)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    order = list(range(len(data)))
    steps = max(1, int(len(data) / BATCH * epochs))
    warm = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min(1.0, (s + 1) / warm) * max(0.0, 1 - s / steps))
    model.train()
    for step in range(steps):
        if step * BATCH % len(data) < BATCH:
            rng.shuffle(order)
        batch = [data[order[(step * BATCH + k) % len(data)]] for k in range(BATCH)]
        x, starts, ends = encode(tokenizer, batch)
        out = model(**{n: torch.from_numpy(x[n]) for n in INPUTS},
                    start_positions=torch.from_numpy(starts), end_positions=torch.from_numpy(ends))
        out.loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad()
        if step % 50 == 0:
            print(f"step {step}/{steps} loss {out.loss.item():.3f}", file=sys.stderr, flush=True)
    model.eval()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--squad", type=Path, default=config.ROOT.parent / "shared/eval/squad")
    ap.add_argument("--epochs", type=float, default=6.0)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--held-out", nargs="*", default=list(HELD_OUT), metavar="ARTICLE",
                    help="articles (file names) kept out of training, for evaluation")
    ap.add_argument("--train10-only", action="store_true", help="train on train10's articles alone, not dev25's")
    ap.add_argument("--alternatives", action="store_true", help="train on the crowd's other answers too")
    ap.add_argument("--out", type=Path, default=config.reader_path())
    args = ap.parse_args()

    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModelForQuestionAnswering, AutoTokenizer
    from transformers import logging as hf_logging

    data = examples(args.squad, tuple(args.held_out), not args.train10_only, args.alternatives)
    print(f"{len(data)} questions with their answer sentence", file=sys.stderr)
    torch.manual_seed(0)
    torch.set_num_threads(2)
    path = importlib.import_module(config.MODEL_PACKAGE).get_model_path()
    tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    hf_logging.set_verbosity_error()  # the package's model has no answer head yet: that is the point
    model = AutoModelForQuestionAnswering.from_pretrained(str(path), local_files_only=True)
    fit(model, tokenizer, data, args.epochs, args.lr)
    x = tokenizer(["Who?"], ["Someone."], return_tensors="pt")
    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "reader-fp32.onnx"
        torch.onnx.export(model, tuple(x[n] for n in INPUTS), str(full), input_names=INPUTS,
                          output_names=["start_logits", "end_logits"],
                          dynamic_axes={n: {0: "batch", 1: "tokens"} for n in INPUTS}, opset_version=17, dynamo=False)
        quantize_dynamic(str(full), str(args.out), weight_type=QuantType.QInt8)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
