"""SIGKILL in the middle of indexing and of writing feedback: the previous index stays usable (or
the error is clear), a rerun completes, and the feedback log has no torn line once appended to."""
import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

import bot
from bot.index import IndexProblem
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


def test_killed_indexing_leaves_the_previous_index(tmp_path):
    src, out = tmp_path / "doc.txt", tmp_path / "index"
    article(src, 40, "one")
    subprocess.run(index_cmd(src, out), cwd=ROOT, check=True, capture_output=True, timeout=300)
    article(src, 150, "two")  # big enough that indexing takes a while
    rng = random.Random(7)
    outcomes = []
    for _ in range(5):
        p = subprocess.Popen(index_cmd(src, out), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 12.0))
        p.send_signal(signal.SIGKILL)
        p.wait()
        try:
            reply = bot.Bot.load(out).answer("How much does item 7 weigh?")
            assert "21 kilograms" in reply.citations[0].quote  # the old or the new index, whole
            outcomes.append(reply.citations[0].quote.split(" of version ")[1].split()[0])
        except IndexProblem as e:  # acceptable only if it says what to do
            assert "python -m bot index" in str(e)
            outcomes.append("error")
    print("\nafter each kill:", outcomes)
    subprocess.run(index_cmd(src, out), cwd=ROOT, check=True, capture_output=True, timeout=300)
    reply = bot.Bot.load(out).answer("How much does item 7 weigh?")
    assert "version two" in reply.citations[0].quote
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".index.")]  # no leftovers


def test_kill_between_the_two_renames_is_recovered(tmp_path):
    """The only moment without an index at its path: set aside, new one not yet renamed in."""
    src, out = tmp_path / "doc.txt", tmp_path / "index"
    article(src, 5, "one")
    subprocess.run(index_cmd(src, out), cwd=ROOT, check=True, capture_output=True, timeout=300)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    os.rename(out, tmp_path / f".index.old-{dead.pid}")
    (tmp_path / f".index.tmp-{dead.pid}-x").mkdir()  # a half-written new one
    reply = bot.Bot.load(out).answer("How much does item 3 weigh?")
    assert "9 kilograms" in reply.citations[0].quote
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt", "index"]


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
    record_feedback("question after the kills", bot.answer("When did Stalin write it?"), True, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 10
    for line in lines:
        row = json.loads(line)
        assert row["question"].startswith("question ") and row["citations"]
