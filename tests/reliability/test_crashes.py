"""SIGKILL in the middle of indexing and of writing feedback: the previous index stays usable, a
rerun completes, and the feedback log has no torn line once appended to."""
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest

import bot
from bot.sessions import record_feedback
from helpers import ROOT

pytestmark = pytest.mark.slow


def article(path, n_paragraphs: int, tag: str):
    text = "[[Crash test]]\n\n" + "\n\n".join(
        f"Paragraph {i} of version {tag} says that item {i} weighs {i * 3} kilograms. It was made in {1900 + i}."
        for i in range(n_paragraphs))
    path.write_text(text + "\n", encoding="utf-8")


def index_cmd(src, out):
    return [sys.executable, "-m", "bot", "index", str(src), "--out", str(out)]


def killed_at(step: str, src, out, pause_dir) -> None:
    """Run an index build that pauses at `step` (atomic.pause_for_tests), and SIGKILL it there:
    the kill lands inside the write, by construction, not by a lucky sleep."""
    pause_dir.mkdir(exist_ok=True)
    env = dict(os.environ, BOT_PAUSE_DIR=str(pause_dir), BOT_PAUSE_AT=step)
    p = subprocess.Popen(index_cmd(src, out), cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    marker = pause_dir / step
    for _ in range(3000):  # the build embeds first: up to five minutes on a loaded machine
        if marker.exists() or p.poll() is not None:
            break
        time.sleep(0.1)
    assert marker.exists(), f"the build never reached {step}"
    p.send_signal(signal.SIGKILL)
    p.wait()
    marker.unlink()


@pytest.fixture(scope="module")
def first_version(tmp_path_factory):
    """The index of version one, built once and copied for each test (a build takes seconds)."""
    where = tmp_path_factory.mktemp("first")
    article(where / "doc.txt", 40, "one")
    subprocess.run(index_cmd(where / "doc.txt", where / "index"), cwd=ROOT, check=True, capture_output=True,
                   timeout=300)
    return where / "index"


@pytest.mark.parametrize("step", ["writing", "swapping"])
def test_a_build_killed_inside_the_write_leaves_the_previous_index(tmp_path, step, first_version):
    src, out = tmp_path / "doc.txt", tmp_path / "index"
    shutil.copytree(first_version, out)
    article(src, 60, "two")
    killed_at(step, src, out, tmp_path / "pause")
    # the kill left a half-written directory (writing) or the old index set aside (swapping)
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".index.")]
    reply = bot.Bot.load(out).answer("How much does item 7 weigh?")  # loading cleans up, restoring the old
    assert "21 kilograms" in reply.citations[0].quote and "version one" in reply.citations[0].quote
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".index.")]  # no leftovers
    subprocess.run(index_cmd(src, out), cwd=ROOT, check=True, capture_output=True, timeout=300)
    assert "version two" in bot.Bot.load(out).answer("How much does item 7 weigh?").citations[0].quote


WRITER = """
import sys
sys.path.insert(0, {root!r})
import bot
from bot.sessions import record_feedback
reply = bot.answer("On what date did Stalin write his Response to Comrade Ivanov?")
print("ready", flush=True)
i = 0
while True:
    record_feedback("question %d " % i + "x" * (i % 5000), reply, i % 2 == 0, {path!r})
    i += 1
"""


def test_killed_feedback_writer_leaves_whole_lines(tmp_path):
    path = tmp_path / "feedback.jsonl"
    rng = random.Random(3)
    for _ in range(3):
        p = subprocess.Popen([sys.executable, "-c", WRITER.format(root=str(ROOT), path=str(path))],
                             stdout=subprocess.PIPE, text=True)
        assert p.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 0.5))
        p.send_signal(signal.SIGKILL)
        p.wait()
    # The last writer may have been killed in the middle of its line (Linux cuts a write to a file
    # short between pages on SIGKILL); every line before is whole, and the next append mends it.
    record_feedback("question after the kills", bot.answer("When did Stalin reply to Comrade Ivanov?"), True, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 10
    for line in lines:
        row = json.loads(line)
        assert row["question"].startswith("question ") and row["citations"]
