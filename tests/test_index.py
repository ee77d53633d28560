import json
import shutil

import pytest

import bot
from bot import config
from bot.index import IndexProblem
from bot.store import FILES, build, check_sources, load, load_current
from helpers import ARTICLE


@pytest.fixture(scope="module")
def small_index(tmp_path_factory):
    d = tmp_path_factory.mktemp("idx")
    src = d / "notes.md"
    src.write_text("# Ships\n\nThe Vasa sank in 1628 in Stockholm harbour. It was raised in 1961.\n\n"
                   "## Museum\nThe Vasa Museum opened in 1990.\n", encoding="utf-8")
    return build([src], d / "index"), src


def test_committed_index_matches_seeds():
    idx = load(config.index_dir())
    check_sources(idx, [ARTICLE])
    m = idx.manifest
    assert m["model"] == config.TRAINED.model_name and m["dimension"] == 384 and m["format"] == config.INDEX_FORMAT
    assert m["sentences"] == len(idx.sentence_store) == len(idx.sentences)


def test_build_and_answer_other_article(small_index):
    out, src = small_index
    assert sorted(p.name for p in out.iterdir()) == sorted(["manifest.json", *FILES])
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no temp dirs left
    reply = bot.Bot.load(out).answer("When was the Vasa Museum opened?")
    assert reply.found and reply.span == "1990"
    c = reply.citations[0]
    assert (c.source, c.section, c.quote) == ("notes.md", "Museum", "The Vasa Museum opened in 1990.")
    assert src.read_text(encoding="utf-8")[c.start:c.end] == c.quote


def test_a_name_the_article_never_writes_is_refused_saying_so(tmp_path):
    src = tmp_path / "visits.txt"
    src.write_text("George Sand visited the Vasa Museum in 1990. Sandy beaches line the harbour.\n", encoding="utf-8")
    b = bot.Bot.load(build([src], tmp_path / "index"))
    assert b.answer("When did George Sand visit the Vasa Museum?").span == "1990"
    assert b.answer("When did George Sandy visit the Vasa Museum?").span == "1990"  # a typo, not a new name
    r = b.answer("When did George Sand visit the Harbour Museum?")
    assert not r.found and r.text.startswith("**The article does not say.** It never mentions Harbour Museum.")


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


def test_load_current_reuses_an_index_until_its_source_changes(small_index, tmp_path):
    out, src = small_index
    copy = tmp_path / "index"
    shutil.copytree(out, copy)
    stamp = (copy / "manifest.json").stat().st_mtime_ns
    assert load_current([src], copy).manifest["sentences"] == 3
    assert (copy / "manifest.json").stat().st_mtime_ns == stamp  # loaded, not built again
    changed = tmp_path / src.name
    changed.write_text(src.read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    check_sources(load_current([changed], copy), [changed])  # built anew from the changed source
    assert load(copy).manifest["sentences"] == 4


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


def test_vector_index_is_exact_when_small_and_inverted_when_large(monkeypatch):
    import faiss
    import numpy as np

    from bot.store import vector_index

    rng = np.random.default_rng(1)
    v = rng.normal(size=(4000, 384)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    assert isinstance(vector_index(v[:500]), faiss.IndexFlatIP)
    monkeypatch.setattr(config, "FLAT_MAX_VECTORS", 1000)
    monkeypatch.setattr(config, "VECTOR_CHUNK", 700)  # several chunks, as when streaming from disk
    ivf = vector_index(v)
    assert isinstance(ivf, faiss.IndexIVFScalarQuantizer) and ivf.ntotal == 4000 and ivf.nprobe == config.IVF_NPROBE
    _, ids = ivf.search(v[:50], 1)
    assert (ids[:, 0] == np.arange(50)).mean() >= 0.95  # each vector finds itself
    back = ivf.reconstruct_batch(np.array([3, 3999]))  # int8 vectors: close, not equal
    assert np.allclose(back, v[[3, 3999]], atol=0.02)


def test_bot_answers_from_an_inverted_index(monkeypatch, tmp_path):
    """A corpus past FLAT_MAX_VECTORS gets an inverted file; the bot answers from it the same way."""
    import dataclasses

    import faiss

    monkeypatch.setattr(config, "FLAT_MAX_VECTORS", 50)
    out = build([ARTICLE], tmp_path / "ivf")
    b = bot.Bot.load(out)  # the models are loaded, checked against the settings, before one changes
    monkeypatch.setattr(config, "TRAINED", dataclasses.replace(config.TRAINED, score_all_below=0))  # search
    assert isinstance(b.index.sentence_store.vectors, faiss.IndexIVF)
    reply = b.answer("When did Stalin put forth the theory?")
    assert reply.found and "put forth by Joseph Stalin in 1924" in reply.citations[0].quote  # the lead sentence found


def test_a_large_index_reads_only_the_nearest_paragraph_vectors(monkeypatch, tmp_path):
    """Past FLAT_MAX_VECTORS paragraphs, their vectors stay on disk and the paragraph index gives the
    nearest; every cosine a candidate is given is still exact."""
    import dataclasses

    import faiss
    import numpy as np

    from bot.closeness import Closeness
    from bot.rows import OnDisk

    monkeypatch.setattr(config, "FLAT_MAX_VECTORS", 20)  # the article has 24 paragraphs
    out = build([ARTICLE], tmp_path / "ivf")
    b = bot.Bot.load(out)
    assert isinstance(b.index.paragraph_index, faiss.IndexIVF) and isinstance(b.index.paragraph_vectors, OnDisk)
    monkeypatch.setattr(config, "PARAGRAPH_SEARCH", 5)
    q = np.load(out / "windows.npy")[0]
    c = Closeness(b.index, q, np.zeros(24, dtype=np.float32))
    exact = np.load(out / "paragraphs.npy") @ q
    assert np.argmax(c.values) == np.argmax(exact)  # the nearest paragraph is found
    assert (c.values <= exact.max() + 1e-6).all()
    assert np.allclose(c.of(np.arange(24)), exact, atol=1e-6)  # read on demand, exactly
    monkeypatch.setattr(config, "TRAINED", dataclasses.replace(config.TRAINED, score_all_below=0))
    reply = b.answer("When did Stalin put forth the theory?")
    assert reply.found and "put forth by Joseph Stalin in 1924" in reply.citations[0].quote  # the lead sentence found


def test_a_large_build_embeds_a_chunk_at_a_time(monkeypatch, tmp_path):
    """Past VECTOR_CHUNK texts, vectors go to scratch files a chunk at a time; the index is the same."""
    import numpy as np

    monkeypatch.setattr(config, "VECTOR_CHUNK", 16)  # 54 sentences, 24 paragraphs: several chunks
    out = build([ARTICLE], tmp_path / "chunked")
    for f in ("windows.npy", "paragraphs.npy"):
        assert np.allclose(np.load(out / f), np.load(config.index_dir() / f), atol=1e-5)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chunked"]  # no scratch left behind


def test_answering_builds_nothing_from_the_text(monkeypatch):
    """Everything a question reads was worked out when the index was written."""
    from bot.bm25 import Bm25

    def no_build(*args, **kwargs):
        raise AssertionError("BM25 built at answer time")

    monkeypatch.setattr(Bm25, "build", no_build)
    b = bot.Bot.load(config.index_dir())
    assert b.answer("When did Stalin put forth the theory?").found
    assert b.index.lexicon.names and b.index.lexicon.written_together("Leon", "Trotsky")


def test_what_is_x_gets_the_first_sentence_that_says_what_x_is(tmp_path):
    # both sentences open by saying what the Vasa is; the article's first is its definition
    src = tmp_path / "vasa.md"
    src.write_text("# Vasa\n\nThe Vasa was a Swedish warship built between 1626 and 1628.\n\n"
                   "## Legacy\nThe Vasa was the pride of the Swedish navy, and the Vasa was also its greatest "
                   "embarrassment.\n", encoding="utf-8")
    reply = bot.Bot.load(build([src], tmp_path / "index")).answer("What was the Vasa?")
    assert reply.found and reply.span == "a Swedish warship built between 1626 and 1628"
