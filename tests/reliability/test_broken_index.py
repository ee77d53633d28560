"""Damaged, swapped or stale indexes are refused at load with a message that says what to do."""
import hashlib
import json
import shutil

import faiss
import pytest

import bot
from bot import config
from bot.index import IndexProblem
from bot.manifest import digest as manifest_digest
from bot.store import build

REBUILD = "python -m bot index"


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    d = tmp_path_factory.mktemp("good")
    src = d / "a.txt"
    src.write_text("[[A]]\n\nAlpha was founded in 1901. Beta followed in 1902.\n\n==More==\nGamma came last.\n")
    return build([src], d / "index")


@pytest.fixture()
def copy(good, tmp_path):
    c = tmp_path / "index"
    shutil.copytree(good, c)
    return c


def rewrite(d, name, data: bytes):
    """Replace one file and fix its checksum, as a careless tool (or an attacker) would."""
    (d / name).write_bytes(data)
    m = json.loads((d / "manifest.json").read_text())
    m["files"][name] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    m["digest"] = manifest_digest(m)
    (d / "manifest.json").write_text(json.dumps(m))


def test_missing_file(copy):
    (copy / "sentences.faiss").unlink()
    with pytest.raises(IndexProblem, match=f"sentences.faiss is missing.*{REBUILD}"):
        bot.Bot.load(copy)


def test_truncated_faiss(copy):
    data = (copy / "sentences.faiss").read_bytes()
    (copy / "sentences.faiss").write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexProblem, match=f"checksum.*{REBUILD}"):
        bot.Bot.load(copy)


def test_vectors_and_passages_disagree_in_number(copy):
    index = faiss.read_index(str(copy / "sentences.faiss"))
    fewer = faiss.IndexFlatIP(index.d)
    fewer.add(index.reconstruct_n(0, index.ntotal - 1))
    rewrite(copy, "sentences.faiss", faiss.serialize_index(fewer).tobytes())
    with pytest.raises(IndexProblem, match=f"do not match in number.*{REBUILD}"):
        bot.Bot.load(copy)


def test_truncated_file_of_a_large_index(copy, monkeypatch):
    """An index too large to hash on every load is still checked by size."""
    monkeypatch.setattr(config, "VERIFY_ON_LOAD_BYTES", 0)
    data = (copy / "windows.npy").read_bytes()
    (copy / "windows.npy").write_bytes(data[:-10])
    with pytest.raises(IndexProblem, match=f"windows.npy has .* bytes.*{REBUILD}"):
        bot.Bot.load(copy)


def test_changed_byte_of_a_large_index_is_found_by_check(copy, monkeypatch, capsys):
    """Same size, one byte changed: only hashing sees it, which `python -m bot check` does."""
    monkeypatch.setattr(config, "VERIFY_ON_LOAD_BYTES", 0)
    data = bytearray((copy / "texts.txt").read_bytes())
    data[-2] = ord("X") if data[-2] != ord("X") else ord("Y")
    (copy / "texts.txt").write_bytes(bytes(data))
    bot.Bot.load(copy)  # sizes agree: loads
    from bot.cli import main
    assert main(["check", str(copy)]) == 2
    assert "texts.txt does not match its checksum" in capsys.readouterr().err
    monkeypatch.setattr(config, "VERIFY_ON_LOAD_BYTES", 10**9)
    with pytest.raises(IndexProblem, match=f"texts.txt does not match its checksum.*{REBUILD}"):
        bot.Bot.load(copy)


def test_edited_manifest(copy):
    m = json.loads((copy / "manifest.json").read_text())
    m["sentences"] += 1
    (copy / "manifest.json").write_text(json.dumps(m))
    with pytest.raises(IndexProblem, match=f"manifest.json does not match its own checksum.*{REBUILD}"):
        bot.Bot.load(copy)


def test_other_dimension(copy):
    m = json.loads((copy / "manifest.json").read_text())
    m["dimension"] = 768
    (copy / "manifest.json").write_text(json.dumps(m))
    with pytest.raises(IndexProblem, match=f"768 dimensions.*{REBUILD}"):
        bot.Bot.load(copy)


def test_other_model(copy):
    m = json.loads((copy / "manifest.json").read_text())
    m["model"] = "sentence-transformers/all-mpnet-base-v2"
    (copy / "manifest.json").write_text(json.dumps(m))
    with pytest.raises(IndexProblem, match=f"all-mpnet-base-v2.*{REBUILD}"):
        bot.Bot.load(copy)


def test_garbage_with_right_checksum(copy):
    rewrite(copy, "windows.npy", b"not a numpy file at all")
    with pytest.raises(IndexProblem, match=REBUILD):
        bot.Bot.load(copy)


def test_index_path_is_a_file(tmp_path):
    f = tmp_path / "index"
    f.write_text("hello")
    with pytest.raises(IndexProblem, match=f"no index at.*{REBUILD}"):
        bot.Bot.load(f)


def test_manifest_is_a_directory(copy):
    (copy / "manifest.json").unlink()
    (copy / "manifest.json").mkdir()
    with pytest.raises(IndexProblem, match=f"unreadable.*{REBUILD}"):
        bot.Bot.load(copy)


def test_sources_changed_since_indexing(tmp_path, monkeypatch):
    """The default index is checked against seeds/: an edited article is reported, not used."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(config.SEEDS_DIR / "socialism_in_one_country.txt", seeds)
    with open(seeds / "socialism_in_one_country.txt", "a", encoding="utf-8") as f:
        f.write("\nA sentence added after indexing.\n")
    monkeypatch.setattr(config, "SEEDS_DIR", seeds)
    monkeypatch.setattr(bot, "_default", None)
    with pytest.raises(IndexProblem, match=f"out of date.*socialism_in_one_country.txt.*{REBUILD}"):
        bot.default_bot()
    monkeypatch.setattr(bot, "_default", None)  # leave no half-made default behind
