"""Sentence embeddings with all-MiniLM-L6-v2, loaded from its PyPI package (never downloaded)."""
from __future__ import annotations

import importlib
from functools import lru_cache

import numpy as np

from . import config


class ModelMissing(RuntimeError):
    """The packaged embedding model is not installed."""


@lru_cache(maxsize=1)
def _model():
    try:
        package = importlib.import_module(config.MODEL_PACKAGE)
    except ImportError:
        raise ModelMissing(f"the embedding model is not installed: pip install "
                           f"{config.MODEL_PACKAGE.replace('_', '-')} (see requirements.txt)") from None
    from sentence_transformers import SentenceTransformer  # heavy: imported only when needed

    return SentenceTransformer(str(package.get_model_path()), device="cpu", local_files_only=True)


def dimension() -> int:
    return int(_model().get_embedding_dimension())


def encode(texts: list[str], progress: bool = False) -> np.ndarray:
    """Unit-length float32 vectors, one row per text."""
    if not texts:
        return np.zeros((0, dimension()), dtype=np.float32)
    vecs = _model().encode(texts, batch_size=config.EMBED_BATCH, show_progress_bar=progress,
                           normalize_embeddings=True, convert_to_numpy=True)
    return np.ascontiguousarray(vecs, dtype=np.float32)
