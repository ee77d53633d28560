"""models.py and config.py: the models are checked against what they were trained with, settings
are read when asked for, and importing the bot changes nothing."""
import json
import subprocess
import sys

import numpy as np
import pytest

from bot import config
from bot.models import Model, Ranker, load_models
from helpers import ROOT


def test_the_shipped_models_fit_the_bot():
    models = load_models()
    assert models.ranker.features and 0 < models.threshold < 1
    assert models.verifier.width == 4 * config.TRAINED.model_dim


def _linear(weights: list[float], names: tuple[str, ...]) -> Model:
    """A model whose logit is the weighted sum of its features."""
    return Model.from_json({"mean": [0.0] * len(weights), "scale": [1.0] * len(weights),
                            "layers": [{"w": [[w] for w in weights], "b": [0.0]}], "features": list(names)})


def test_an_orderer_reorders_only_the_pointwise_best_and_keeps_their_scores():
    names = ("a", "b")
    x = np.array([[3.0, 0.0], [2.0, 1.0], [1.0, 5.0], [0.0, 9.0], [-1.0, 2.0]], dtype=np.float32)
    pointwise = _linear([1.0, 0.0], ("a",))
    alone = pointwise.on_columns(x, names)
    ranker = Ranker(pointwise, _linear([1.0], ("b",)), top=3)
    p = ranker.on_columns(x, names)
    # the best three by "a" (rows 0-2) are put in "b"'s order (2, 1, 0) with the same three scores;
    # row 3, best by "b" but not among the pointwise three, stays where the pointwise model put it
    assert list(p[:3]) == [alone[2], alone[1], alone[0]] and list(p[3:]) == list(alone[3:])
    assert Ranker(pointwise).on_columns(x, names).tolist() == alone.tolist()
    assert set(ranker.features) == {"a", "b"}


def test_a_models_file_with_an_orderer_is_read_with_it(tmp_path):
    data = json.loads(config.ranker_path().read_text(encoding="utf-8"))
    data["orderer"] = {**data["ranker"], "top": 3}
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    ranker = load_models(path).ranker
    assert ranker.top == 3 and ranker.orderer.features == ranker.pointwise.features
    data["orderer"]["features"] = ["something_else"] + data["orderer"]["features"][1:]
    other = tmp_path / "other.json"  # load_models keeps what it read of a path
    other.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RuntimeError, match="something_else"):
        load_models(other)


@pytest.mark.parametrize("change,message", [
    (lambda d: d["settings"].update(dense_candidates=10), "dense_candidates 40, 10"),
    (lambda d: d["ranker"]["features"].__setitem__(0, "something_else"), "something_else"),
    (lambda d: d.pop("verifier"), "missing or unreadable"),
])
def test_models_for_other_settings_or_features_are_refused(tmp_path, change, message):
    data = json.loads(config.ranker_path().read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RuntimeError, match="retrain") as e:
        load_models(path)
    assert message in str(e.value)


def test_deployment_settings_are_read_when_asked_for(monkeypatch, tmp_path):
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path))
    assert config.feedback_path() == tmp_path / "feedback.jsonl"
    monkeypatch.setenv("BOT_MAX_UPLOAD_FILES", "9")
    assert config.limits().max_upload_files == 9 and config.limits().max_sessions == 200


def test_importing_the_bot_has_no_side_effects():
    code = "import os, bot, bot.ui; print(os.environ.get('HF_HUB_OFFLINE'))"
    env = {k: v for k, v in __import__("os").environ.items() if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "None"
