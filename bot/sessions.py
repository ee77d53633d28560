"""Per-visitor state of the web app: conversation, uploaded documents, and the feedback log."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import threading
import time
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows has none: appends are still one at a time within the process
    fcntl = None

from . import config
from .answer import Bot
from .conversation import turns
from .reply import Reply


@dataclass
class Session:
    history: list[dict] = field(default_factory=list)       # messages, for API clients
    bot: Bot | None = None                                  # over this session's uploads, if any
    turns: list[tuple[str, Reply | None]] = field(default_factory=list)  # per answer, for feedback
    lock: threading.Lock = field(default_factory=threading.Lock)

    def last_reply(self, history) -> Reply | None:
        """The Reply behind the last answer of `history`, if this session gave it: what it quoted
        travels as data, not through its markdown (a client may have edited its history)."""
        said = [text for role, text in turns(history) if role == "assistant"]
        last = self.turns[-1][1] if self.turns else None
        return last if last is not None and said and said[-1] == last.text else None

    def switch(self, bot: Bot | None) -> None:
        """Answer from other documents (None: the default article), starting a new conversation."""
        with self.lock:
            self.bot, self.history, self.turns = bot, [], []


class Sessions:
    """Sessions by Gradio's session hash; the least recently used are dropped past a cap."""

    def __init__(self, cap: int | None = None):
        self._cap = cap or config.limits().max_sessions
        self._items, self._lock = OrderedDict(), threading.Lock()

    def get(self, key: str) -> Session:
        with self._lock:
            s = self._items.pop(key, None) or Session()
            self._items[key] = s
            while len(self._items) > self._cap:
                old, _ = self._items.popitem(last=False)
                shutil.rmtree(session_dir(old), ignore_errors=True)
            return s


def session_dir(key: str) -> Path:
    """A directory of the app's data dir that belongs to one session (the key never becomes a path)."""
    return config.data_dir() / "sessions" / hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


_UNSAFE = re.compile(r"[^\w.\- ]+", re.UNICODE)


def safe_name(name: str) -> str:
    """A file name with no directory part and no odd characters: '../../etc/passwd' -> 'passwd'."""
    base = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip(" .") or "document"
    return base[:100]


def prepare_indexing() -> threading.Thread:
    """Start loading what indexing needs in the background. The first upload of a server's life
    otherwise waits for sentence-transformers and its model to load (measured: a fresh server's
    first upload of a short note took 9.1 s, the next 0.5 s); the UI starts this when a visitor
    opens the upload panel, so the load overlaps their choosing of files. A server nobody uploads
    to never loads it."""
    def load() -> None:
        from . import embed

        try:
            embed.load_passage_model()
        except embed.ModelMissing:
            pass  # the upload itself says so, as a message in the app

    thread = threading.Thread(target=load, name="load-passage-model", daemon=True)
    thread.start()
    return thread


def index_uploads(session_key: str, paths: list[str]) -> tuple[Bot, list[str]]:
    """Check, copy and index uploaded .txt/.md files for one session; ValueError says what is wrong."""
    from .index import IndexProblem
    from .sources import SourceError
    from .store import build

    if not paths:
        raise ValueError("Choose one or more .txt or .md files first.")
    limits = config.limits()
    if len(paths) > limits.max_upload_files:
        raise ValueError(f"At most {limits.max_upload_files} files at a time, please.")
    home = session_dir(session_key)
    sources = home / "sources"
    shutil.rmtree(sources, ignore_errors=True)
    sources.mkdir(parents=True)
    names = []
    for upload in paths:
        p = Path(upload)
        name = safe_name(getattr(upload, "orig_name", None) or p.name)
        if Path(name).suffix.lower() not in config.SOURCE_SUFFIXES:
            raise ValueError(f"{name}: only .txt and .md files can be indexed.")
        if p.stat().st_size > limits.max_upload_bytes:
            raise ValueError(f"{name} is larger than {limits.max_upload_bytes / 1_000_000:g} MB.")
        if name in names:
            raise ValueError(f"Two files are called {name}; rename one.")
        shutil.copyfile(p, sources / name)
        names.append(name)
    try:
        built = build(sorted(sources.iterdir()), home / "index")
        return Bot.load(built), names
    except (SourceError, IndexProblem) as e:
        raise ValueError(str(e).replace(str(sources) + os.sep, "")) from None


_feedback_lock = threading.Lock()


def record_feedback(question: str, reply: Reply, liked: bool, path: Path | None = None) -> dict:
    """Append one JSON line to the feedback log. A writer killed in the middle of a line (Linux
    stops a write to a file between pages on SIGKILL) leaves it unfinished; the next append drops
    that torn tail first, so the log's lines before the last are always whole."""
    path = Path(path or config.feedback_path())
    entry = {"time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "liked": liked, "question": question,
             "found": reply.found, "span": reply.span, "answer": reply.text,
             "citations": [asdict(c) for c in reply.citations]}
    line = memoryview((json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))
    with _feedback_lock:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)  # against other processes appending to the same log
            _drop_torn_tail(fd)
            while line:
                line = line[os.write(fd, line):]
        finally:
            os.close(fd)  # releases the lock
    return entry


def _drop_torn_tail(fd: int, chunk: int = 1 << 16) -> None:
    """Cut the file back to its last newline, if it does not end with one."""
    def read(start: int, n: int) -> bytes:  # the writes append whatever the offset (O_APPEND)
        os.lseek(fd, start, os.SEEK_SET)
        return os.read(fd, n)

    end = size = os.fstat(fd).st_size
    if not size or read(size - 1, 1) == b"\n":
        return
    while end > 0:
        start = max(0, end - chunk)
        cut = read(start, end - start).rfind(b"\n")
        if cut >= 0:
            os.ftruncate(fd, start + cut + 1)
            return
        end = start
    os.ftruncate(fd, 0)
