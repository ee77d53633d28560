"""The trained models, loaded and checked: the sentence ranker, the verifier and the refusal model
(small feed-forward networks stored as JSON in bot/ranker.json by scripts/train_ranker.py), and
the short-answer reader (int8 ONNX in bot/reader.onnx by scripts/train_reader.py).

A model names the features it reads, so inputs are handed over by name, never by position; the
file records the settings the models were trained with (config.TRAINED), checked at load."""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from . import config


@dataclass(frozen=True)
class Model:
    """A small feed-forward classifier: standardise, ReLU layers, sigmoid."""
    mean: np.ndarray
    scale: np.ndarray
    layers: tuple[tuple[np.ndarray, np.ndarray], ...]
    features: tuple[str, ...] = ()  # what each input column is; () for an embedding's dimensions

    @classmethod
    def from_json(cls, d: dict) -> Model:
        layers = tuple((np.asarray(layer["w"], dtype=np.float32), np.asarray(layer["b"], dtype=np.float32))
                       for layer in d["layers"])
        return cls(np.asarray(d["mean"], dtype=np.float32), np.asarray(d["scale"], dtype=np.float32), layers,
                   tuple(d.get("features", ())))

    @property
    def width(self) -> int:
        return len(self.mean)

    def logit(self, x: np.ndarray) -> np.ndarray:
        """The network's output before the sigmoid (what training calibrates)."""
        h = (x - self.mean) / self.scale
        for n, (w, b) in enumerate(self.layers):
            h = h @ w + b
            if n < len(self.layers) - 1:
                h = np.maximum(h, 0.0)
        return h[..., 0]

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.logit(x)))

    def columns(self, x: np.ndarray, names: tuple[str, ...]) -> np.ndarray:
        """The columns this model reads, of rows whose columns are `names`."""
        return x[:, [names.index(f) for f in self.features]]

    def on_columns(self, x: np.ndarray, names: tuple[str, ...]) -> np.ndarray:
        """Probabilities for rows whose columns are `names`, taking the ones this model reads."""
        return self(self.columns(x, names))

    def on_named(self, named: Mapping[str, float]) -> float:
        """The probability for one example given as {feature name: value}."""
        return float(self(np.array([[named[f] for f in self.features]], dtype=np.float32))[0])


@dataclass(frozen=True)
class Ranker:
    """Does this candidate sentence hold the answer? A pointwise model's probability per candidate;
    with an orderer (a model trained on each question's candidates together: the listwise loss of
    scripts/train_ranker.py), the pointwise model's best `top` candidates are put in the orderer's
    order, and keep the pointwise probabilities, sorted. Why both: the listwise order puts the answer
    first more often on unseen articles, but its probabilities are less sure for short and follow-up
    questions, and the rules and the refusal model read the pointwise ones (docs/experiments.md)."""
    pointwise: Model
    orderer: Model | None = None
    top: int = 0

    @property
    def features(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.pointwise.features + (self.orderer.features if self.orderer else ())))

    def on_columns(self, x: np.ndarray, names: tuple[str, ...], ordered: bool = True) -> np.ndarray:
        """Probabilities for rows whose columns are `names` (`ordered`: with the orderer, if any)."""
        p = self.pointwise.on_columns(x, names)
        if not ordered or self.orderer is None or self.top < 2 or len(p) < 2:
            return p
        best = np.argsort(-p, kind="stable")[: self.top]
        listed = self.orderer.logit(self.orderer.columns(x[best], names))
        p = p.copy()
        p[best[np.argsort(-listed, kind="stable")]] = p[best]  # p[best] is sorted, best first
        return p

    @classmethod
    def from_json(cls, data: dict) -> Ranker:
        """From a models file's "ranker" and, if it has one, "orderer" (with its "top")."""
        orderer = data.get("orderer")
        if not orderer:
            return cls(Model.from_json(data["ranker"]))
        return cls(Model.from_json(data["ranker"]), Model.from_json(orderer), int(orderer["top"]))


@dataclass(frozen=True)
class Models:
    ranker: Ranker      # does this candidate sentence hold the answer?
    verifier: Model     # ... read together with the question (MiniLM's token states)
    answerable: Model   # does the article answer the question at all?
    threshold: float    # refuse below this probability of answerable


def _check(models: Models, settings: dict, ranking: tuple[str, ...], answering: tuple[str, ...]) -> None:
    # A model may read fewer features than the bot computes (one trained before a feature was added),
    # never one it does not compute: inputs are handed over by name.
    for part in (models.ranker.pointwise, models.ranker.orderer):
        if part and (not set(part.features) <= set(ranking) or part.width != len(part.features)):
            raise ValueError(f"the ranker reads {sorted(set(part.features) - set(ranking))} unlike this bot")
    if not set(models.answerable.features) <= set(answering):
        raise ValueError(f"the refusal model reads {sorted(set(models.answerable.features) - set(answering))}")
    if models.verifier.width != 4 * config.TRAINED.model_dim:
        raise ValueError(f"the verifier reads {models.verifier.width} values, not {4 * config.TRAINED.model_dim}")
    differ = {k: (v, settings.get(k)) for k, v in asdict(config.TRAINED).items() if settings.get(k) != v}
    if differ:
        raise ValueError("trained with other settings (now, then): "
                         + ", ".join(f"{k} {now!r}, {then!r}" for k, (now, then) in differ.items()))


@lru_cache(maxsize=4)
def _load_models(path: Path) -> Models:
    from .features import ANSWERABLE_FEATURES, FEATURES

    retrain = "restore it from git, or retrain: python scripts/train_ranker.py"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        models = Models(Ranker.from_json(data), Model.from_json(data["verifier"]),
                        Model.from_json(data["answerable"]), float(data["answerable"]["threshold"]))
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise RuntimeError(f"the trained models in {path} are missing or unreadable ({e!r}); {retrain}") from e
    try:
        _check(models, data.get("settings", {}), FEATURES, ANSWERABLE_FEATURES)
    except ValueError as e:
        raise RuntimeError(f"the trained models in {path} do not fit this bot: {e}; {retrain}") from e
    return models


def load_models(path: Path | None = None) -> Models:
    """The ranker, verifier and refusal models (config.ranker_path() unless given); RuntimeError,
    naming the fix, if the file is missing, unreadable, or for other features or settings."""
    return _load_models(Path(path or config.ranker_path()))


@lru_cache(maxsize=2)
def _load_reader(path: Path):
    from . import embed

    fix = "restore it from git, or train it: python scripts/train_reader.py"
    if not path.is_file():
        raise RuntimeError(f"the short-answer reader is missing ({path}); {fix}")
    try:  # run once an answer: its idle threads must not spin-wait (see embed.onnx_session)
        return embed.onnx_session(path, spin=False)
    except Exception as e:  # ONNX Runtime's own errors (InvalidProtobuf, Fail...) share no useful base
        raise RuntimeError(f"the short-answer reader {path} is unreadable ({e}); {fix}") from e


def load_reader(path: Path | None = None):
    """The reader's ONNX Runtime session (config.reader_path() unless given); RuntimeError if its
    file is missing or unreadable."""
    return _load_reader(Path(path or config.reader_path()))
