"""Uploads: limits, bad files, names that try to escape: clear errors, nothing outside the data dir."""
import pytest

from bot import config
from bot.sessions import index_uploads, safe_name, session_dir


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "data"
    monkeypatch.setenv("BOT_DATA_DIR", str(d))
    return d


def files(tmp_path, **named_bytes):
    out = []
    for i, (name, data) in enumerate(named_bytes.items()):
        d = tmp_path / f"up{i}"
        d.mkdir()
        (d / name).write_bytes(data)
        out.append(str(d / name))
    return out


GOOD = b"[[Doc]]\n\nThe harbour opened in 1850.\n"


def test_too_many_files(tmp_path):
    many = files(tmp_path, **{f"d{i}.txt": GOOD for i in range(config.limits().max_upload_files + 1)})
    with pytest.raises(ValueError, match=f"At most {config.limits().max_upload_files} files"):
        index_uploads("s1", many)


def test_too_large(tmp_path):
    with pytest.raises(ValueError, match="larger than 1 MB"):
        index_uploads("s1", files(tmp_path, **{"big.txt": b"word " * 250_000}))


@pytest.mark.parametrize("name,data,message", [
    ("latin1.txt", b"caf\xe9 cr\xe8me", "not UTF-8"),
    ("binary.txt", b"\x00\x01\x02PK\x03\x04", "binary"),
    ("empty.md", b"# Only a heading\n\n## And another\n", "no text found"),
    ("picture.png", b"\x89PNG\r\n", "only .txt and .md"),
])
def test_bad_files(tmp_path, name, data, message):
    with pytest.raises(ValueError, match=message):
        index_uploads("s1", files(tmp_path, **{name: data}))


def test_error_messages_do_not_leak_server_paths(tmp_path, data_dir):
    with pytest.raises(ValueError) as e:
        index_uploads("s1", files(tmp_path, **{"latin1.txt": b"caf\xe9"}))
    assert str(data_dir) not in str(e.value) and str(e.value).startswith("latin1.txt")


@pytest.mark.parametrize("name,safe", [("../../etc/passwd.txt", "passwd.txt"), ("..\\..\\win.ini.md", "win.ini.md"),
                                       ("a/b/../c.txt", "c.txt"), ("<script>.md", "_script_.md"), ("...", "document")])
def test_safe_names(name, safe):
    assert safe_name(name) == safe


def test_path_like_name_stays_inside_the_data_dir(tmp_path, data_dir):
    src = tmp_path / "evil.txt"
    src.write_bytes(GOOD)

    class Upload(str):  # what a browser may claim a file is called
        orig_name = "../../../../tmp/evil_escape.txt"

    b, names = index_uploads("s1", [Upload(str(src))])
    assert names == ["evil_escape.txt"]
    assert b.answer("When did the harbour open?").span == "1850"
    written = [p for p in tmp_path.rglob("*") if p.is_file() and not p.is_relative_to(tmp_path / "evil.txt")]
    assert all(p.is_relative_to(data_dir) for p in written), written
    assert (session_dir("s1") / "sources" / "evil_escape.txt").is_file()
    assert not (tmp_path.parent / "evil_escape.txt").exists()


def test_sessions_do_not_share_directories():
    assert session_dir("a") != session_dir("b") and session_dir("../x").parent == session_dir("a").parent
