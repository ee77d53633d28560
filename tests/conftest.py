import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))          # helpers
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))   # bot

import pytest  # noqa: E402

from helpers import ARTICLE, free_port  # noqa: E402


@pytest.fixture(scope="session")
def raw() -> str:
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def app_url():
    """The real app, launched once on a free port for the whole test session."""
    from bot.ui import build_demo, serve

    demo = build_demo()
    port = free_port()
    serve(demo, server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    yield f"http://127.0.0.1:{port}/"
    demo.close()
