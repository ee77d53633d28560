"""A real headless Chromium (Debian's) driven by playwright-core against the real app."""
import json
import shutil
import subprocess

import pytest

from helpers import ROOT

pytestmark = pytest.mark.slow
BROWSER_DIR = ROOT / "tests" / "browser"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def url(app_url):
    if not shutil.which("node") or not (BROWSER_DIR / "node_modules" / "playwright-core").is_dir():
        pytest.fail("browser test needs node and tests/browser/node_modules (bash .ci/run installs them)")
    return app_url


def test_question_in_the_browser_answers_and_highlights(url, tmp_path, monkeypatch):
    feedback = tmp_path / "feedback.jsonl"
    monkeypatch.setenv("BOT_FEEDBACK_PATH", str(feedback))  # read by the app when it writes
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "chat.png"
    note = ROOT / "bench" / "shortdocs" / "espresso.md"
    p = subprocess.run(["node", "chat.mjs", url, str(shot), str(note)], cwd=BROWSER_DIR, capture_output=True,
                       text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    seen = json.loads(p.stdout.strip().splitlines()[-1])
    (ARTIFACTS / "browser.json").write_text(json.dumps(seen, ensure_ascii=False, indent=1))
    assert "14 February 1938" in seen["chat_text"] and "Relation to Leninism" in seen["chat_text"]
    assert any("Response to Comrade Ivanov" in m for m in seen["marks"]) and seen["mark_visible"]
    print(f"\ntyped question to answer shown with its source highlighted: {seen['answer_ms']} ms")
    assert shot.stat().st_size > 10_000
    # markup typed by a user stays text: no dialog, no image element, the characters shown as typed
    assert seen["dialogs"] == [] and seen["img_in_chat"] == 0
    assert seen["evil"] in seen["chat_text_after"]
    # the thumbs-up it clicked was stored with the question, the answer and its quotes
    (liked,) = [json.loads(line) for line in feedback.read_text(encoding="utf-8").splitlines()]
    assert liked["liked"] is True and liked["span"] == "14 February 1938"
    assert liked["question"] == "On what date did Stalin write his Response to Comrade Ivanov?"
    assert "Response to Comrade Ivanov" in liked["citations"][0]["quote"]
    # a note uploaded through the documents panel is indexed and answered from, its quote marked
    assert "Now answering from espresso.md" in seen["upload_status"]
    print(f"'Index' clicked to the note indexed: {seen['upload_ms']} ms")
    assert "25 to 30 seconds" in seen["upload_chat"] and "14 February 1938" not in seen["upload_chat"]
    assert any("25 to 30 seconds to pull" in m for m in seen["upload_marks"])
