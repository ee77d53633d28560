"""Writing an index directory so that a reader sees the old index or the new one, never half of
one: it is written beside its place and swapped in; what a killed build leaves is cleaned up."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path


def pause_for_tests(step: str) -> None:
    """A hook for the crash tests: with BOT_PAUSE_DIR set, say where the writer is (a file named
    after the step in that directory) and wait there to be killed, so a test knows its kill landed
    inside the write; BOT_PAUSE_AT names the one step to wait at (else every step). Never set
    outside tests."""
    where = os.environ.get("BOT_PAUSE_DIR")
    if where and os.environ.get("BOT_PAUSE_AT", step) == step:
        (Path(where) / step).touch()
        time.sleep(60)


def swap_in(tmp: Path, out: Path) -> None:
    """Replace `out` by `tmp` so that a reader sees the old or the new index, never half of one.

    Two renames: a crash between them leaves only `.NAME.old-PID`, which clean_up (run by load
    and build) renames back, so the previous index is never lost."""
    os.chmod(tmp, 0o755)
    if not out.exists():
        os.rename(tmp, out)
        return
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    os.rename(out, old)
    pause_for_tests("swapping")
    os.rename(tmp, out)
    shutil.rmtree(old, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_up(out: Path) -> None:
    """Undo what a build killed half-way left behind: restore a set-aside index, drop temp dirs."""
    for leftover in out.parent.glob(f".{out.name}.*-*"):
        kind, _, rest = leftover.name[len(out.name) + 2:].partition("-")
        pid = rest.split("-")[0]
        if not pid.isdigit() or _alive(int(pid)):
            continue  # another build still at work
        if kind == "old" and not out.exists():
            os.rename(leftover, out)
        else:
            shutil.rmtree(leftover, ignore_errors=True)
