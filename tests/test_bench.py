"""The benchmark's one-minute smoke run: every step of bench/run.py on the default article."""
import json
import subprocess
import sys

import pytest

from helpers import KIT, ROOT


@pytest.mark.slow
def test_bench_smoke(tmp_path):
    if not (KIT / "score.py").is_file() or not (KIT / "dev.jsonl").is_file():
        pytest.skip(f"the benchmark reads the evaluation kit in {KIT}, which is not here")
    done = subprocess.run([sys.executable, "bench/run.py", "--smoke", "--out", str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=900)  # a hang guard, not a time bound
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads((tmp_path / "smoke.json").read_text())
    assert set(results["systems"]) == {"quote-bot", "usual recipe"}  # Haystack: the full run only
    for name, s in results["systems"].items():
        assert 0 < s["p50_ms"] <= s["p95_ms"] < 2000, name
        assert 0 < s["cold_start_s"] < 60 and 50 < s["peak_rss_mb"] < 3000, name
        q = s["quality"]["article"]
        assert q["questions"] > 0 and 0 <= q["hit3"] <= 1, name
        assert s["build"]["article"]["passages"] > 0 and s["build"]["article"]["size_mb"] > 0, name
    served = results["systems"]["quote-bot"]["throughput"]  # the smoke run serves ours only
    for clients in ("1", "4"):
        assert served[clients]["answers_per_s"] > 1 and served[clients]["errors"] == 0, clients
    assert results["gradio_only"]["1"]["answers_per_s"] > served["1"]["answers_per_s"]  # the same server answering nothing
    ours = results["systems"]["quote-bot"]["quality"]["article"]
    assert ours["hit3"] >= 0.6 and ours["quote_words_p50"] <= 100  # short quotes that answer
    (row,) = results["scale"]
    assert row["passages"] == 400 and row["recall_at_10"] >= 0.95
    assert 0 < row["bot_p50_ms"] <= row["bot_p95_ms"] < 2000 and row["bot_peak_rss_mb"] > 0  # the whole bot answered
    assert "| quote-bot |" in (tmp_path / "smoke.md").read_text()
    assert (tmp_path / "smoke_scale.png").stat().st_size > 10_000
