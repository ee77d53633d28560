"""An index whose sentences live in Milvus (Milvus Lite, a local .db file, standing in for a server):
it answers as the index directory's own store does, and a collection that is gone, unreachable or
written only half-way is refused with a message naming where it is."""
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

import bot
from bot.index import IndexProblem
from bot.milvus_store import Target
from bot.store import build, to_milvus
from helpers import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import milvus as bench_milvus  # noqa: E402

pytestmark = pytest.mark.slow
SEEDS = [ROOT / "seeds" / "socialism_in_one_country.txt"]


@pytest.fixture
def lite(tmp_path):
    """The default article's index with its sentences sent to Milvus Lite (store.to_milvus: no
    embedding, a second or so). One a test: a Lite server in a long test process once stopped
    answering minutes after it started, while others ran beside it."""
    return to_milvus(ROOT / "embeddings", tmp_path / "index", Target(str(tmp_path / "lite.db"), "seeds")), tmp_path


def test_the_directory_keeps_what_milvus_does_not_serve(lite):
    index, where = lite
    names = {p.name for p in index.iterdir()}
    assert "milvus.json" in names and "texts.txt" in names
    assert not names & {"sentences.faiss", "windows.npy", "bm25.sentences.postings.values.npy"}
    record = json.loads((index / "milvus.json").read_text())
    assert record["collection"] == "seeds" and record["rows"] == len(bot.Bot.load(index).index.sentences)
    assert "token" not in json.dumps(record).lower()


@pytest.mark.parametrize("name", ["dev", "super_bowl_50"])
def test_milvus_answers_as_the_directory_does(tmp_path, name):
    """The acceptance check of #20: the same first quote on at least 98% of questions, the same refusals."""
    docs, questions = bench_milvus.SETS[name]
    if not all(p.exists() for p in [*docs, questions]):
        pytest.skip(f"{questions} is not here (the evaluation kit lives beside the project)")
    # the same index sent (build(..., milvus=) embeds alike: bench/milvus.py agree builds both ways)
    built = ROOT / "embeddings" if name == "dev" else build(docs, tmp_path / "faiss")
    local = bot.Bot.load(built)
    remote = bot.Bot.load(to_milvus(built, tmp_path / "milvus", Target(str(tmp_path / "lite.db"), name)))
    assert remote.index.sentence_store.__class__.__name__ == "MilvusSentences"
    rows = bench_milvus._rows(questions)
    if name == "super_bowl_50":
        rows = rows[::16]  # a sixteenth of its 810 keeps the suite within its time; bench/milvus.py asks them all
    got = bench_milvus.compare(local, remote, rows)
    assert got["same_first_quote"] >= 0.98, got["differ"]
    assert got["same_found"] == 1.0, got["differ"]


def index_cmd(out, db, *more) -> list[str]:
    """A build of a six-sentence note (what is checked here is the collection, not the article;
    the seed would add seconds of embedding to each build) in a process of its own: Milvus Lite
    serves a .db file from the first process that opens it."""
    note = out.parent / "note.txt"
    note.write_text("Espresso is brewed by forcing hot water through finely ground coffee. A shot takes 25 to 30 "
                    "seconds.\n\nA flat white adds microfoam. It comes from Australia or New Zealand.\n\nA "
                    "cortado is cut with warm milk. It is served in a small glass.\n", encoding="utf-8")
    return [sys.executable, "-m", "bot", "index", str(note), "--out", str(out), "--milvus", str(db), *more]


def test_a_collection_gone_is_refused_naming_its_uri(tmp_path):
    index = tmp_path / "index"
    subprocess.run(index_cmd(index, tmp_path / "lite.db", "--collection", "gone"), cwd=ROOT, check=True,
                   capture_output=True, timeout=300)
    shutil.move(tmp_path / "lite.db", tmp_path / "elsewhere.db")
    with pytest.raises(IndexProblem, match=r"lite\.db has no collection gone; rebuild it"):
        bot.Bot.load(index)


def test_an_unreachable_server_is_a_clear_error(tmp_path):
    r = subprocess.run(index_cmd(tmp_path / "index", "http://127.0.0.1:1"), cwd=ROOT, capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 2
    assert "error: cannot reach Milvus at http://127.0.0.1:1" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "index").exists()


def test_milvus_failing_mid_conversation_is_said_in_the_chat(lite):
    from bot import ui
    from bot.sessions import Session

    b = bot.Bot.load(lite[0])
    b.index.sentence_store.client.close()  # the server goes away after the index was opened
    with pytest.raises(IndexProblem, match="Milvus at .*lite.db failed"):
        b.answer("Who opposed the theory of socialism in one country?")
    text, reply = ui._answer("Who opposed the theory?", [], Session(bot=b))
    assert reply is None and text.startswith("The index cannot be read just now: Milvus at ")


def test_a_build_killed_while_sending_is_detected(tmp_path):
    """Index A names collection c; a second build into c is killed half-way: A is refused, not wrong."""
    db, index = tmp_path / "lite.db", tmp_path / "a"
    subprocess.run(index_cmd(index, db, "--collection", "c"), cwd=ROOT, check=True, capture_output=True, timeout=300)
    pause = tmp_path / "pause"
    pause.mkdir()
    p = subprocess.Popen(index_cmd(tmp_path / "b", db, "--collection", "c"), cwd=ROOT, env=dict(os.environ, BOT_PAUSE_DIR=str(pause), BOT_PAUSE_AT="sending"),
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(3000):  # the build embeds first
        if (pause / "sending").exists() or p.poll() is not None:
            break
        time.sleep(0.1)
    assert (pause / "sending").exists(), "the build never reached sending"
    p.send_signal(signal.SIGKILL)
    p.wait()
    with pytest.raises(IndexProblem, match=r"collection c at .*lite\.db is not the one this index wrote, or was "
                                           r"not written whole \(0 of 6 rows"):
        bot.Bot.load(index)
    assert not (tmp_path / "b").exists()  # the killed build left no index behind


def test_a_question_without_a_word_of_the_article(lite):
    """No question term is in the vocabulary: the sparse request is left out, the dense one alone runs."""
    remote = bot.Bot.load(lite[0]).answer("Xyzzy plugh frobnicate?")
    local = bot.answer("Xyzzy plugh frobnicate?")
    assert (remote.found, remote.text) == (local.found, local.text)


def test_an_index_built_already_is_sent_as_it_is(tmp_path):
    """store.to_milvus: the default article's index, sent; answers as before, and not sent twice."""
    out = to_milvus(ROOT / "embeddings", tmp_path / "sent", Target(str(tmp_path / "lite.db"), "sent"))
    question = "Who elaborated the theory in 1925?"
    assert bot.Bot.load(out).answer(question).citations == bot.answer(question).citations
    with pytest.raises(IndexProblem, match="are in Milvus already"):
        to_milvus(out, tmp_path / "again", Target(str(tmp_path / "lite.db"), "again"))
