"""models.py and config.py: the models are checked against what they were trained with, settings
are read when asked for, and importing the bot changes nothing."""
import json
import subprocess
import sys

import pytest

from bot import config
from bot.models import load_models
from helpers import ROOT


def test_the_shipped_models_fit_the_bot():
    models = load_models()
    assert models.ranker.features and 0 < models.threshold < 1
    assert models.verifier.width == 4 * config.TRAINED.model_dim


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
