import json
import shutil

import pytest

import bot
from bot import config
from bot.index import IndexProblem, build, check_sources, load
from helpers import ARTICLE


@pytest.fixture(scope="module")
def small_index(tmp_path_factory):
    d = tmp_path_factory.mktemp("idx")
    src = d / "notes.md"
    src.write_text("# Ships\n\nThe Vasa sank in 1628 in Stockholm harbour. It was raised in 1961.\n\n"
                   "## Museum\nThe Vasa Museum opened in 1990.\n", encoding="utf-8")
    return build([src], d / "index"), src


def test_committed_index_matches_seeds():
    idx = load(config.DEFAULT_INDEX_DIR)
    check_sources(idx, [ARTICLE])
    m = idx.manifest
    assert m["model"] == config.MODEL_NAME and m["dimension"] == 384 and m["format"] == config.INDEX_FORMAT
    assert m["sentences"] == idx.sentence_vectors.ntotal == len(idx.sentences)


def test_build_and_answer_other_article(small_index):
    out, src = small_index
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "paragraphs.npy", "passages.json",
                                                     "sentences.faiss", "windows.npy", "words.npy"]
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no temp dirs left
    reply = bot.Bot.load(out).answer("When was the Vasa Museum opened?")
    assert reply.found and reply.span == "1990"
    c = reply.citations[0]
    assert (c.source, c.section, c.quote) == ("notes.md", "Museum", "The Vasa Museum opened in 1990.")
    assert src.read_text(encoding="utf-8")[c.start:c.end] == c.quote


def test_rebuild_replaces_atomically(small_index, tmp_path):
    out, src = small_index
    copy = tmp_path / "index"
    shutil.copytree(out, copy)
    build([src], copy)
    assert load(copy).manifest["sentences"] == 3


def test_stale_index_is_reported(small_index, tmp_path):
    out, src = small_index
    changed = tmp_path / src.name
    changed.write_text(src.read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    with pytest.raises(IndexProblem, match="out of date.*python -m bot index"):
        check_sources(load(out), [changed])


@pytest.mark.parametrize("damage,message", [
    (lambda d: (d / "manifest.json").unlink(), "no manifest"),
    (lambda d: (d / "sentences.faiss").write_bytes((d / "sentences.faiss").read_bytes()[:100]), "checksum"),
    (lambda d: (d / "windows.npy").unlink(), "missing"),
    (lambda d: (d / "manifest.json").write_text("{not json"), "unreadable"),
    (lambda d: _edit_manifest(d, model="other-model"), "built with other-model"),
    (lambda d: _edit_manifest(d, format=99), "format 99"),
])
def test_broken_index_is_reported(small_index, tmp_path, damage, message):
    copy = tmp_path / "index"
    shutil.copytree(small_index[0], copy)
    damage(copy)
    with pytest.raises(IndexProblem, match=message):
        bot.Bot.load(copy)


def test_missing_index_says_what_to_do(tmp_path):
    with pytest.raises(IndexProblem, match="python -m bot index"):
        bot.Bot.load(tmp_path / "nothing")


def _edit_manifest(d, **changes):
    m = json.loads((d / "manifest.json").read_text())
    m.update(changes)
    (d / "manifest.json").write_text(json.dumps(m))
